package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Softmax along an axis other than the last (the last axis goes to {@code Activation.SOFTMAX}): {@code y = exp(x - max) / Σ exp(x - max)} over the axis, for every
 * position of the other axes. Keeps {@code y}; backward: {@code dx = y * (dy - Σ dy·y)} along the axis.
 */
final class SoftmaxOp implements Op {
    private final int axis;
    private Tensor y;

    SoftmaxOp(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        y = in[0].copy();
        float[] d = y.data();
        forEachLine(y.shape(), (off, stride, n) -> {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, d[off + j * stride]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(d[off + j * stride] - max);
                d[off + j * stride] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int j = 0; j < n; j++) {
                d[off + j * stride] *= inv;
            }
        });
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] == null) {
            return;
        }
        float[] yv = y.data();
        float[] dy = dOut[0].data();
        float[] dx = dIn[0].data();
        forEachLine(y.shape(), (off, stride, n) -> {
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += dy[off + j * stride] * yv[off + j * stride];
            }
            for (int j = 0; j < n; j++) {
                int i = off + j * stride;
                dx[i] += yv[i] * (float) (dy[i] - dot);
            }
        });
    }

    private interface Line {
        void run(int offset, int stride, int length);
    }

    /** Calls {@code line} once per 1-D slice along {@code axis}. */
    private void forEachLine(Shape s, Line line) {
        int n = s.dim(axis);
        int inner = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            inner *= s.dim(i);
        }
        int outer = s.size() / Math.max(1, n * inner);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                line.run(o * n * inner + i, inner, n);
            }
        }
    }
}
