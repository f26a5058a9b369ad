package org.seq2seq4j.testing;

import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/** Small generated inputs for tests. */
public final class TestData {
    private TestData() {
    }

    /** {@code batch} sequences {@code (batch, steps, tokens)} of random one-hot tokens, reproducible by seed. */
    public static Tensor oneHot(int batch, int steps, int tokens, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(batch, steps, tokens);
        for (int i = 0; i < batch * steps; i++) {
            t.data()[i * tokens + r.nextInt(tokens)] = 1f;
        }
        return t;
    }
}
