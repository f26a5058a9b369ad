package org.seq2seq4j.layers.merging;

import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Dot product of two tensors along one axis of each (Keras's {@code Dot(axes)}), batch by batch:
 * for {@code a (batch, 30, 1)} and {@code v (batch, 30, 64)}, {@code Dot(1)} contracts the 30
 * timesteps and gives {@code (batch, 1, 64)} — attention's context vector. Rank-2 inputs give
 * {@code (batch, 1)}. Axes count from 1 (0 is the batch); negative axes count from the end.
 * {@code normalize} (cosine proximity) is not supported yet.
 *
 * <pre>{@code
 * KerasTensor alphas = Input.of(30, 1), a = Input.of(30, 64);
 * KerasTensor context = new Dot(1).apply(alphas, a);      // (None, 1, 64)
 * }</pre>
 */
public final class Dot extends Merge<Dot> {
    private final int axisA;
    private final int axisB;

    /** The same axis in both inputs. */
    public Dot(int axes) {
        this(axes, axes);
    }

    public Dot(int axisA, int axisB) {
        if (axisA == 0 || axisB == 0) {
            throw ConfigException.argument("Dot", "axes", "non-batch axes (not 0)", axisA + ", " + axisB);
        }
        this.axisA = axisA;
        this.axisB = axisB;
    }

    @Override
    protected Tensor merge(Tensor[] in) {
        Tensor a = in[0];
        Tensor b = in[1];
        if (a.rank() == 2) {
            Tensor r = Ops.batchMatMul(Ops.reshape(a, Shape.of(a.shape().dim(0), 1, a.shape().dim(1))),
                    Ops.reshape(b, Shape.of(b.shape().dim(0), b.shape().dim(1), 1)));
            return Ops.reshape(r, Shape.of(a.shape().dim(0), 1));
        }
        int ka = axis(axisA, 3);
        int kb = axis(axisB, 3);
        Tensor left = ka == 2 ? a : Ops.permute(a, 0, 2, 1);     // (batch, m, k)
        Tensor right = kb == 1 ? b : Ops.permute(b, 0, 2, 1);    // (batch, k, n)
        return Ops.batchMatMul(left, right);
    }

    private static int axis(int axis, int rank) {
        return axis < 0 ? rank + axis : axis;
    }

    @Override
    protected Shape mergedShape(List<Shape> shapes) {
        if (shapes.size() != 2) {
            throw new ShapeException(describe(), "exactly 2 inputs", shapes.get(0), "got " + shapes.size());
        }
        Shape a = shapes.get(0);
        Shape b = shapes.get(1);
        if (a.rank() != b.rank() || a.rank() < 2 || a.rank() > 3) {
            throw new ShapeException(describe(), "two inputs of rank 2 or 3 like " + a, b);
        }
        int ka = axis(axisA, a.rank());
        int kb = axis(axisB, b.rank());
        if (ka < 1 || kb < 1 || ka >= a.rank() || kb >= b.rank() || (a.dim(ka) != b.dim(kb)
                && a.dim(ka) != Shape.UNKNOWN && b.dim(kb) != Shape.UNKNOWN)) {
            throw new ShapeException(describe() + " (axes " + axisA + ", " + axisB + ")",
                    "a second input whose axis " + kb + " has the size of axis " + ka + " of " + a, b);
        }
        if (a.rank() == 2) {
            return Shape.of(a.dim(0), 1);
        }
        return Shape.of(a.dim(0), a.dim(3 - ka), b.dim(3 - kb));
    }

    @Override
    public LayerConfig getConfig() {
        Object axes = axisA == axisB ? (Object) axisA : List.of(axisA, axisB);
        return super.getConfig().put("axes", axes).put("normalize", false);
    }

    /** The layer a Keras config describes ({@code axes} an integer or a pair). */
    public static Dot fromConfig(LayerConfig c) {
        if (c.getBool("Dot", "normalize", false)) {
            throw ConfigException.argument("Dot", "normalize", "false (cosine normalisation is not supported yet)", true);
        }
        Object axes = c.get("axes");
        if (axes instanceof List<?>) {
            int[] ax = c.getInts("Dot", "axes");
            return applyBase(new Dot(ax[0], ax[1]), c);
        }
        return applyBase(new Dot(c.requireInt("Dot", "axes")), c);
    }
}
