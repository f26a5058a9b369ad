package org.seq2seq4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/** Random one-hot training examples for a {@link CharTranslator} model (bench and tests). */
final class Seq2seqData {
    private Seq2seqData() {
    }

    /**
     * {@code n} examples from {@code seed}: encoder input {@code (sourceLength, sourceSize)},
     * decoder input and target {@code (targetLength, targetSize)}, every row one-hot.
     */
    static List<Example> examples(CharTranslator.Spec s, int n, int sourceLength, int targetLength, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tensor source = oneHot(r, sourceLength, s.sourceSize());
            Tensor decoderInput = oneHot(r, targetLength, s.targetSize());
            out.add(Example.of(List.of(source, decoderInput), List.of(oneHot(r, targetLength, s.targetSize()))));
        }
        return out;
    }

    private static Tensor oneHot(SplittableRandom r, int steps, int width) {
        float[] x = new float[steps * width];
        for (int t = 0; t < steps; t++) {
            x[t * width + r.nextInt(width)] = 1f;
        }
        return Tensor.of(x, steps, width);
    }
}
