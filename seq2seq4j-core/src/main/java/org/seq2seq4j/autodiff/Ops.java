package org.seq2seq4j.autodiff;

import org.seq2seq4j.kernels.Activation;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Differentiable operations used by layers, each one tape node. A thin facade: the math lives
 * in the op classes and in {@code kernels}.
 *
 * <pre>{@code
 * Tensor y = Ops.dense(x, kernel.read(), bias.read(), Activation.RELU);   // x (batch, in) -> (batch, units)
 * Tensor z = Ops.reshape(y, Shape.of(y.size()));                          // flat view, same values
 * }</pre>
 */
public final class Ops {
    private Ops() {
    }

    /** {@code activation(x · kernel + bias)} over the last axis; {@code bias} may be null. */
    public static Tensor dense(Tensor x, Tensor kernel, Tensor bias, Activation activation) {
        return Tape.apply1(new DenseOp(activation), x, kernel, bias);
    }

    /** {@code f(x)}; softmax normalises the last axis. */
    public static Tensor activation(Tensor x, Activation activation) {
        if (activation == Activation.LINEAR) {
            return x;
        }
        return Tape.apply1(new ActivationOp(activation), x);
    }

    /** The same values with another shape of the same size. */
    public static Tensor reshape(Tensor x, Shape shape) {
        return Tape.apply1(new ReshapeOp(shape), x);
    }

    /** {@code (batch, features) -> (batch, n, features)}. */
    public static Tensor repeat(Tensor x, int n) {
        return Tape.apply1(new RepeatOp(n), x);
    }

    /** {@code x * keep} element-wise with a constant multiplier array of x's size. */
    public static Tensor scale(Tensor x, float[] keep) {
        return Tape.apply1(new ScaleMaskOp(keep), x);
    }

    /** Rows of {@code table} picked by integer {@code ids}; {@code subject} names the caller in errors. */
    public static Tensor gather(Tensor ids, Tensor table, String subject) {
        return Tape.apply1(new GatherOp(subject), ids, table);
    }

    /** {@code dst[i] += src[i]}. */
    static void addInto(float[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] += src[i];
        }
    }
}
