package org.seq2seq4j.autodiff;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Differentiable operations used by layers, each one tape node. A thin facade: the math lives
 * in the op classes and in {@code kernels}.
 *
 * <pre>{@code
 * Tensor y = Ops.dense(x, kernel.read(), bias.read(), ActivationFunction.RELU);   // x (batch, in) -> (batch, units)
 * Tensor z = Ops.reshape(y, Shape.of(y.size()));                          // flat view, same values
 * }</pre>
 */
public final class Ops {
    private Ops() {
    }

    /** {@code activation(x · kernel + bias)} over the last axis; {@code bias} may be null. */
    public static Tensor dense(Tensor x, Tensor kernel, Tensor bias, ActivationFunction activation) {
        return Tape.apply1(new DenseOp(activation), x, kernel, bias);
    }

    /** {@code f(x)}; softmax normalises the last axis. */
    public static Tensor activation(Tensor x, ActivationFunction activation) {
        if (activation == ActivationFunction.LINEAR) {
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

    /** {@code x[:, t, :]}: timestep {@code t} of {@code (batch, timesteps, features)}, as {@code (batch, features)}. */
    public static Tensor timestep(Tensor x, int t) {
        if (x.shape().rank() != 3 || t < 0 || t >= x.shape().dim(1)) {
            throw new ShapeException("timestep " + t, "input of rank 3 (batch, timesteps, features) with more than "
                    + t + " timesteps", x.shape());
        }
        return Tape.apply1(new TimestepOp(t), x);
    }

    /** {@code x * keep} element-wise with a constant multiplier array of x's size. */
    public static Tensor scale(Tensor x, float[] keep) {
        return Tape.apply1(new ScaleMaskOp(keep), x);
    }

    /** Rows of {@code table} picked by integer {@code ids}; {@code subject} names the caller in errors. */
    public static Tensor gather(Tensor ids, Tensor table, String subject) {
        return Tape.apply1(new GatherOp(subject), ids, table);
    }

    /** {@code x} reversed along {@code axis} (negative counts from the end): {@code reverse(seq, 1)} flips time. */
    public static Tensor reverse(Tensor x, int axis) {
        return Tape.apply1(new ReverseOp(axisOf("reverse", x.shape(), axis)), x);
    }

    /** The tensors joined along {@code axis} (negative counts from the end); every other axis must agree. */
    public static Tensor concat(int axis, Tensor... xs) {
        requireSome("concatenate", xs);
        int a = axisOf("concatenate", xs[0].shape(), axis);
        Shape others = xs[0].shape().with(a, 0);
        for (Tensor t : xs) {
            if (t.rank() != others.rank() || !t.shape().with(a, 0).equals(others)) {
                throw new ShapeException("concatenate", "inputs matching " + xs[0].shape() + " on every axis but "
                        + a, t.shape());
            }
        }
        return Tape.apply1(new ConcatOp(a), xs);
    }

    /** Axes reordered: output axis {@code i} is input axis {@code perm[i]} (a permutation of 0..rank-1). */
    public static Tensor permute(Tensor x, int... perm) {
        boolean[] seen = new boolean[x.rank()];
        boolean ok = perm.length == x.rank();
        for (int p : perm) {
            ok &= p >= 0 && p < seen.length && !seen[p];
            if (ok) {
                seen[p] = true;
            }
        }
        if (!ok) {
            throw new ShapeException("permute " + java.util.Arrays.toString(perm),
                    "a tensor of rank " + perm.length + " and a permutation of its axes", x.shape());
        }
        return Tape.apply1(new PermuteOp(perm), x);
    }

    /** Softmax along {@code axis} (negative counts from the end); the last axis uses the activation kernel. */
    public static Tensor softmax(Tensor x, int axis) {
        int a = axisOf("softmax", x.shape(), axis);
        if (a == x.rank() - 1) {
            return activation(x, ActivationFunction.SOFTMAX);          // contiguous rows: the row-parallel kernel
        }
        return Tape.apply1(new SoftmaxOp(a), x);
    }

    /** {@code (batch, m, k) · (batch, k, n) -> (batch, m, n)}, one matrix product per batch entry. */
    public static Tensor batchMatMul(Tensor a, Tensor b) {
        if (a.rank() != 3 || b.rank() != 3 || a.shape().dim(0) != b.shape().dim(0) || a.shape().dim(2) != b.shape().dim(1)) {
            throw new ShapeException("batch_matmul with " + a.shape(), "a right operand of shape ("
                    + (a.rank() == 3 ? a.shape().dim(0) + ", " + a.shape().dim(2) : "batch, k") + ", n)", b.shape());
        }
        return Tape.apply1(new BatchMatMulOp(), a, b);
    }

    /** Element-wise sum of tensors of one shape. */
    public static Tensor add(Tensor... xs) {
        return merge(MergeOp.Kind.SUM, "add", xs);
    }

    /** Element-wise mean of tensors of one shape. */
    public static Tensor average(Tensor... xs) {
        return merge(MergeOp.Kind.AVERAGE, "average", xs);
    }

    /** Element-wise product of tensors of one shape. */
    public static Tensor multiply(Tensor... xs) {
        return merge(MergeOp.Kind.PRODUCT, "multiply", xs);
    }

    private static Tensor merge(MergeOp.Kind kind, String what, Tensor[] xs) {
        requireSome(what, xs);
        for (Tensor t : xs) {
            if (!t.shape().equals(xs[0].shape())) {
                throw new ShapeException(what, "inputs of one shape " + xs[0].shape(), t.shape());
            }
        }
        return Tape.apply1(new MergeOp(kind), xs);
    }

    private static void requireSome(String what, Tensor[] xs) {
        if (xs.length == 0) {
            throw new ShapeException(what, "at least one input", Shape.scalar(), "no tensors were given");
        }
    }

    /** {@code axis} in {@code [0, rank)}, negative values counting from the end. */
    private static int axisOf(String what, Shape s, int axis) {
        int a = axis < 0 ? s.rank() + axis : axis;
        if (a < 0 || a >= s.rank()) {
            throw new ShapeException(what, "an axis in [" + -s.rank() + ", " + s.rank() + ") but axis was " + axis
                    + ", for input", s);
        }
        return a;
    }

    /** {@code dst[i] += src[i]}. */
    static void addInto(float[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] += src[i];
        }
    }
}
