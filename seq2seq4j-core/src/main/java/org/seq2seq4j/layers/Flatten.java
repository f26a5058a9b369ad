package org.seq2seq4j.layers;

import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Flattens every axis but the batch: {@code (batch, d1, d2, ...) -> (batch, d1 * d2 * ...)}. No weights.
 *
 * <pre>{@code
 * Tensor y = new Flatten().apply(Tensor.zeros(Shape.of(2, 3, 4)));
 * // y.shape() -> (2, 12)
 * }</pre>
 */
public final class Flatten extends FluentLayer<Flatten> {
    @Override
    protected void checkInput(Shape in) {
        requireMinRank(in, 1, "(batch, ...)");
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        int n = 1;
        for (int i = 1; i < in.rank(); i++) {
            if (in.dim(i) == Shape.UNKNOWN) {
                return Shape.of(in.dim(0), Shape.UNKNOWN);
            }
            n *= in.dim(i);
        }
        return Shape.of(in.dim(0), n);
    }

    /** The output has no time axis to mask. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {Ops.reshape(inputs[0], computeOutputShape(inputs[0].shape()))};
    }

    /** The layer a Keras config describes. */
    public static Flatten fromConfig(LayerConfig c) {
        return applyBase(new Flatten(), c);
    }
}
