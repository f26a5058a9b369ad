package org.seq2seq4j.autodiff;

import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Tensor;

/** {@code y = f(x)} element-wise, or softmax over the last axis; backward from the kept output. */
final class ActivationOp implements Op {
    private final ActivationFunction activation;
    private Tensor y;

    ActivationOp(ActivationFunction activation) {
        this.activation = activation;
    }

    @Override
    public String name() {
        return "activation_" + activation.kerasName();
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        y = in[0].copy();
        int row = y.rank() == 0 ? 1 : y.shape().last();
        activation.forward(y.data(), 0, y.size(), row);
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] != null) {
            int row = y.rank() == 0 ? 1 : y.shape().last();
            activation.backward(y.data(), 0, dOut[0].data(), 0, dIn[0].data(), 0, y.size(), row);
        }
    }
}
