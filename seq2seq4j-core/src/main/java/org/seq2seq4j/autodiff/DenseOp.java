package org.seq2seq4j.autodiff;

import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.ColumnSums;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * {@code y = activation(x · kernel + bias)} over the last axis of {@code x}, so a rank-3 input
 * {@code (batch, timesteps, in)} is one GEMM of {@code (batch * timesteps, in)} rows. Inputs:
 * x, kernel {@code (in, units)}, bias {@code (units)} or null. Keeps the output for backward:
 * {@code dz = dy * f'(y)}; {@code dx += dz · kernelᵀ}; {@code dkernel += xᵀ · dz}; {@code dbias += Σ dz}.
 */
final class DenseOp implements Op {
    private final ActivationFunction activation;
    private Tensor x;
    private Tensor kernel;
    private Tensor y;

    DenseOp(ActivationFunction activation) {
        this.activation = activation;
    }

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        x = in[0];
        kernel = in[1];
        Tensor bias = in[2];
        int k = kernel.shape().dim(0);
        int n = kernel.shape().dim(1);
        int m = x.size() / k;
        Shape outShape = x.shape().withLast(n);
        y = Tensor.zeros(outShape);
        float[] out = y.data();
        if (bias != null) {
            float[] b = bias.data();
            for (int r = 0; r < m; r++) {
                System.arraycopy(b, 0, out, r * n, n);
            }
        }
        Gemms.get().sgemm(false, false, m, n, k, 1f, x.data(), 0, k, kernel.data(), 0, n,
                bias != null ? 1f : 0f, out, 0, n);
        activation.forward(out, 0, out.length, n);
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        int k = kernel.shape().dim(0);
        int n = kernel.shape().dim(1);
        int m = x.size() / k;
        float[] dz;
        if (activation == ActivationFunction.LINEAR) {
            dz = dOut[0].data();
        } else {
            dz = new float[y.size()];
            activation.backward(y.data(), 0, dOut[0].data(), 0, dz, 0, dz.length, n);
        }
        if (dIn[0] != null) {
            Gemms.get().sgemm(false, true, m, k, n, 1f, dz, 0, n, kernel.data(), 0, n, 1f, dIn[0].data(), 0, k);
        }
        if (dIn[1] != null) {
            Gemms.get().sgemm(true, false, k, n, m, 1f, x.data(), 0, k, dz, 0, n, 1f, dIn[1].data(), 0, n);
        }
        if (dIn.length > 2 && dIn[2] != null) {
            ColumnSums.add(dz, m, n, dIn[2].data(), 0);
        }
    }
}
