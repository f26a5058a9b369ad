package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Tensor;

/** {@code y = x * keep} with a fixed multiplier per element (inverted dropout); backward multiplies too. */
final class ScaleMaskOp implements Op {
    private final float[] keep;

    ScaleMaskOp(float[] keep) {
        this.keep = keep;
    }

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        Tensor y = in[0].copy();
        float[] d = y.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= keep[i];
        }
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] != null) {
            float[] dx = dIn[0].data();
            float[] dy = dOut[0].data();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += dy[i] * keep[i];
            }
        }
    }
}
