package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The same values seen with another shape; the gradient is reshaped back. */
final class ReshapeOp implements Op {
    private final Shape target;

    ReshapeOp(Shape target) {
        this.target = target;
    }

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        return new Tensor[] {in[0].reshape(target)};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] != null) {
            Ops.addInto(dOut[0].data(), dIn[0].data());
        }
    }
}
