package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Tensor;

/**
 * {@code y[.., t, ..] = x[.., n-1-t, ..]} along one axis (the time axis for Bidirectional); the
 * gradient is reversed the same way. The tensor is seen as {@code (outer, n, inner)}.
 */
final class ReverseOp implements Op {
    private final int axis;

    ReverseOp(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "reverse";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        Tensor y = Tensor.zeros(in[0].shape());
        flipInto(in[0], y.data());
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] != null) {
            float[] flipped = new float[dOut[0].size()];
            flipInto(dOut[0], flipped);
            Ops.addInto(flipped, dIn[0].data());
        }
    }

    /** Writes {@code src} reversed along {@link #axis} into {@code dst} (same size). */
    private void flipInto(Tensor src, float[] dst) {
        int n = src.shape().dim(axis);
        int inner = src.shape().drop(axis + 1).size();
        int outer = src.shape().take(axis).size();
        float[] s = src.data();
        for (int o = 0; o < outer; o++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(s, (o * n + t) * inner, dst, (o * n + n - 1 - t) * inner, inner);
            }
        }
    }
}
