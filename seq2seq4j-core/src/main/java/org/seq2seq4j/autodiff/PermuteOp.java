package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Reorders axes: output axis {@code i} is input axis {@code perm[i]} (a transpose for two axes).
 * Backward applies the inverse permutation to the gradient.
 */
final class PermuteOp implements Op {
    private final int[] perm;

    PermuteOp(int[] perm) {
        this.perm = perm.clone();
    }

    @Override
    public String name() {
        return "permute";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        Shape s = in[0].shape();
        int[] dims = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            dims[i] = s.dim(perm[i]);
        }
        Tensor y = Tensor.zeros(dims);
        move(in[0].data(), s, y.data(), false);
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] != null) {
            move(dOut[0].data(), dOut[0].shape(), dIn[0].data(), true);
        }
    }

    /**
     * Forward: {@code dst[permuted index] = src[index]} walking the input; backward ({@code inverse}):
     * walks the output shape {@code s} and adds into the input-ordered {@code dst}.
     */
    private void move(float[] src, Shape s, float[] dst, boolean inverse) {
        int rank = perm.length;
        int[] inDims = new int[rank];
        if (inverse) {
            for (int i = 0; i < rank; i++) {
                inDims[perm[i]] = s.dim(i);
            }
        } else {
            inDims = s.dims();
        }
        int[] inStrides = strides(inDims);
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = inDims[perm[i]];
        }
        int[] idx = new int[rank];
        int n = src.length;
        for (int o = 0; o < n; o++) {
            int in = 0;
            for (int i = 0; i < rank; i++) {
                in += idx[i] * inStrides[perm[i]];
            }
            if (inverse) {
                dst[in] += src[o];
            } else {
                dst[o] = src[in];
            }
            for (int i = rank - 1; i >= 0 && ++idx[i] == outDims[i]; i--) {
                idx[i] = 0;
            }
        }
    }

    private static int[] strides(int[] dims) {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }
}
