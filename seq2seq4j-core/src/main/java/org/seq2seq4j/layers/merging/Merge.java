package org.seq2seq4j.layers.merging;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.FluentLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Base of the layers that combine two or more tensors (Keras's {@code Merge}): checks that at
 * least two inputs arrive and leaves the combination to the subclass. No weights.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(4), b = Input.of(4);
 * KerasTensor sum = new Add().apply(a, b);              // (None, 4)
 * }</pre>
 *
 * @param <L> the concrete layer type
 */
public abstract class Merge<L extends Merge<L>> extends FluentLayer<L> {

    /** Combines the inputs (at least two, already counted). */
    protected abstract Tensor merge(Tensor[] inputs);

    /** The output shape for these input shapes; throw a {@link ShapeException} if they do not fit. */
    protected abstract Shape mergedShape(List<Shape> shapes);

    @Override
    protected final Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t.shape());
        }
        requireTwo(shapes);
        mergedShape(shapes);
        return new Tensor[] {merge(inputs)};
    }

    private void requireTwo(List<Shape> shapes) {
        if (shapes.size() < 2) {
            throw new ShapeException(describe(), "a list of at least 2 inputs", shapes.get(0),
                    "got " + shapes.size() + " input");
        }
    }

    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        requireTwo(inputShapes);
        return List.of(mergedShape(inputShapes));
    }

    /** With one shape known only: the merged shape cannot be told, so the first input's shape. */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    /** Every shape equal to the first, {@link Shape#UNKNOWN} matching anything; returns the first. */
    protected Shape requireSameShapes(List<Shape> shapes) {
        for (Shape s : shapes) {
            if (!s.compatible(shapes.get(0))) {
                throw new ShapeException(describe(), "inputs of one shape " + shapes.get(0), s);
            }
        }
        return shapes.get(0);
    }
}
