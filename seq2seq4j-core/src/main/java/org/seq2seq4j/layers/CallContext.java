package org.seq2seq4j.layers;

import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/**
 * What a layer call needs besides its inputs: whether it is a training call (dropout active),
 * the input mask ({@code (batch, timesteps)}, 1 = keep, 0 = masked; or null) and the random
 * stream for stochastic layers.
 *
 * <pre>{@code
 * Tensor[] out = layer.call(CallContext.training(new SplittableRandom(1)), x);
 * }</pre>
 */
public record CallContext(boolean training, Tensor mask, SplittableRandom random) {
    private static final CallContext INFERENCE = new CallContext(false, null, null);

    /** An inference call: no dropout, no mask. */
    public static CallContext inference() {
        return INFERENCE;
    }

    /** A training call drawing dropout masks from {@code random}. */
    public static CallContext training(SplittableRandom random) {
        return new CallContext(true, null, random);
    }

    /** This context with another mask. */
    public CallContext withMask(Tensor m) {
        return new CallContext(training, m, random);
    }
}
