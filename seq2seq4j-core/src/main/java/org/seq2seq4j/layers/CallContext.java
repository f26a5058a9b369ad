package org.seq2seq4j.layers;

import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/**
 * What a layer call needs besides its inputs: whether it is a training call (dropout active),
 * the input mask ({@code (batch, timesteps)}, 1 = keep, 0 = masked; or null), the random
 * stream for stochastic layers and, from a functional graph, the mask of every input.
 *
 * <pre>{@code
 * Tensor[] out = layer.call(CallContext.training(new SplittableRandom(1)), x);
 * }</pre>
 */
public record CallContext(boolean training, Tensor mask, SplittableRandom random, Tensor[] inputMasks) {
    private static final CallContext INFERENCE = new CallContext(false, null, null, null);

    /** An inference call: no dropout, no mask. */
    public static CallContext inference() {
        return INFERENCE;
    }

    /** A training call drawing dropout masks from {@code random}. */
    public static CallContext training(SplittableRandom random) {
        return new CallContext(true, null, random, null);
    }

    /** This context with another mask (that of the main input); the per-input masks are dropped. */
    public CallContext withMask(Tensor m) {
        return new CallContext(training, m, random, null);
    }

    /**
     * This context with one mask per input (entries may be null), as a functional graph passes
     * them; {@link #mask()} becomes the first. Layers that combine inputs (attention) read them all.
     */
    public CallContext withInputMasks(Tensor[] masks) {
        return new CallContext(training, masks.length == 0 ? null : masks[0], random, masks.clone());
    }
}
