package org.seq2seq4j.layers.merging;

import java.util.List;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Joins its inputs along {@code axis} (default -1, the features); every other axis must agree.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(30, 64), s = Input.of(30, 64);
 * KerasTensor y = new Concatenate().apply(a, s);          // (None, 30, 128)
 * }</pre>
 */
public final class Concatenate extends Merge<Concatenate> {
    private final int axis;

    public Concatenate() {
        this(-1);
    }

    public Concatenate(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    protected Tensor merge(Tensor[] inputs) {
        return Ops.concat(axis, inputs);
    }

    @Override
    protected Shape mergedShape(List<Shape> shapes) {
        Shape first = shapes.get(0);
        int a = axis < 0 ? first.rank() + axis : axis;
        if (a < 1 || a >= first.rank()) {
            throw new ShapeException(describe() + " (axis " + axis + ")", "inputs of rank > " + Math.max(1, a), first);
        }
        int total = 0;
        for (Shape s : shapes) {
            if (s.rank() != first.rank() || !s.with(a, 0).compatible(first.with(a, 0))) {
                throw new ShapeException(describe(), "inputs matching " + first + " on every axis but " + axis, s);
            }
            total = total == Shape.UNKNOWN || s.dim(a) == Shape.UNKNOWN ? Shape.UNKNOWN : total + s.dim(a);
        }
        return first.with(a, total);
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("axis", axis);
    }

    /** The layer a Keras config describes. */
    public static Concatenate fromConfig(LayerConfig c) {
        return applyBase(new Concatenate(c.getInt("Concatenate", "axis", -1)), c);
    }
}
