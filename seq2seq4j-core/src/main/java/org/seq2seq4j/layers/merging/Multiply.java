package org.seq2seq4j.layers.merging;

import java.util.List;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Multiplies its inputs element-wise. Inputs: two or more tensors of one shape; output: that shape.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(4), b = Input.of(4);
 * KerasTensor y = new Multiply().apply(a, b);                  // (None, 4)
 * }</pre>
 */
public final class Multiply extends Merge<Multiply> {
    @Override
    protected Tensor merge(Tensor[] inputs) {
        return Ops.multiply(inputs);
    }

    @Override
    protected Shape mergedShape(List<Shape> shapes) {
        return requireSameShapes(shapes);
    }

    /** The layer a Keras config describes. */
    public static Multiply fromConfig(LayerConfig c) {
        return applyBase(new Multiply(), c);
    }
}
