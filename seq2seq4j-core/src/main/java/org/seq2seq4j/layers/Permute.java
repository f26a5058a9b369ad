package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Reorders the non-batch axes: {@code dims} is a permutation of {@code 1..rank-1} (Keras counts
 * from 1; the batch axis stays first). {@code Permute(2, 1)} swaps time and features.
 *
 * <pre>{@code
 * Tensor y = new Permute(2, 1).apply(Tensor.zeros(Shape.of(8, 10, 64)));
 * // y.shape() -> (8, 64, 10)
 * }</pre>
 */
public final class Permute extends FluentLayer<Permute> {
    private final int[] dims;

    public Permute(int... dims) {
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw ConfigException.argument("Permute", "dims", "a permutation of 1.." + dims.length,
                        java.util.Arrays.toString(dims));
            }
            seen[d] = true;
        }
        this.dims = dims.clone();
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, dims.length + 1, "(batch, ...) with " + dims.length + " axes to permute");
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        Shape out = in;
        for (int i = 0; i < dims.length; i++) {
            out = out.with(i + 1, in.dim(dims[i]));
        }
        return out;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        int[] perm = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) {
            perm[i + 1] = dims[i];
        }
        return new Tensor[] {Ops.permute(inputs[0], perm)};
    }

    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return null;
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("dims", dims);
    }

    /** The layer a Keras config describes. */
    public static Permute fromConfig(LayerConfig c) {
        return applyBase(new Permute(c.requireInts("Permute", "dims")), c);
    }
}
