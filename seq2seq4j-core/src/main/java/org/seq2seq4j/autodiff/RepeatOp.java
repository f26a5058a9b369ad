package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Tensor;

/** {@code (batch, features) -> (batch, n, features)}: each row repeated n times; backward sums the copies. */
final class RepeatOp implements Op {
    private final int n;

    RepeatOp(int n) {
        this.n = n;
    }

    @Override
    public String name() {
        return "repeat_vector";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        int b = x.shape().dim(0);
        int f = x.shape().dim(1);
        Tensor y = Tensor.zeros(b, n, f);
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(x.data(), i * f, y.data(), (i * n + t) * f, f);
            }
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
        int f = dIn[0].shape().dim(1);
        int b = dIn[0].shape().dim(0);
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < n; t++) {
                int src = (i * n + t) * f;
                for (int j = 0; j < f; j++) {
                    dx[i * f + j] += dy[src + j];
                }
            }
        }
    }
}
