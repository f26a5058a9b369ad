package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Tensor;

/** {@code (batch, timesteps, features) -> (batch, features)}: the rows of one timestep; backward adds them back. */
final class TimestepOp implements Op {
    private final int t;

    TimestepOp(int t) {
        this.t = t;
    }

    @Override
    public String name() {
        return "timestep";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        int b = x.shape().dim(0);
        int steps = x.shape().dim(1);
        int f = x.shape().dim(2);
        Tensor y = Tensor.zeros(b, f);
        for (int i = 0; i < b; i++) {
            System.arraycopy(x.data(), (i * steps + t) * f, y.data(), i * f, f);
        }
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] == null) {
            return;
        }
        float[] dx = dIn[0].data();
        float[] dy = dOut[0].data();
        int b = dIn[0].shape().dim(0);
        int steps = dIn[0].shape().dim(1);
        int f = dIn[0].shape().dim(2);
        for (int i = 0; i < b; i++) {
            int row = (i * steps + t) * f;
            for (int j = 0; j < f; j++) {
                dx[row + j] += dy[i * f + j];
            }
        }
    }
}
