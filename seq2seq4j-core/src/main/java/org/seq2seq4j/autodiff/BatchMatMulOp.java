package org.seq2seq4j.autodiff;

import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.tensor.Tensor;

/**
 * Batched matrix product {@code c[b] = a[b] · b[b]} of {@code a (batch, m, k)} and
 * {@code b (batch, k, n)} giving {@code (batch, m, n)}. Backward: {@code da[b] += dc[b] · b[b]ᵀ},
 * {@code db[b] += a[b]ᵀ · dc[b]}.
 */
final class BatchMatMulOp implements Op {
    private Tensor a;
    private Tensor b;

    @Override
    public String name() {
        return "batch_matmul";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        a = in[0];
        b = in[1];
        int batch = a.shape().dim(0);
        int m = a.shape().dim(1);
        int k = a.shape().dim(2);
        int n = b.shape().dim(2);
        Tensor c = Tensor.zeros(batch, m, n);
        for (int i = 0; i < batch; i++) {
            Gemms.get().sgemm(false, false, m, n, k, 1f, a.data(), i * m * k, k, b.data(), i * k * n, n,
                    0f, c.data(), i * m * n, n);
        }
        return new Tensor[] {c};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        int batch = a.shape().dim(0);
        int m = a.shape().dim(1);
        int k = a.shape().dim(2);
        int n = b.shape().dim(2);
        float[] dc = dOut[0].data();
        for (int i = 0; i < batch; i++) {
            if (dIn[0] != null) {
                Gemms.get().sgemm(false, true, m, k, n, 1f, dc, i * m * n, n, b.data(), i * k * n, n,
                        1f, dIn[0].data(), i * m * k, k);
            }
            if (dIn[1] != null) {
                Gemms.get().sgemm(true, false, k, n, m, 1f, a.data(), i * m * k, k, dc, i * m * n, n,
                        1f, dIn[1].data(), i * k * n, n);
            }
        }
    }
}
