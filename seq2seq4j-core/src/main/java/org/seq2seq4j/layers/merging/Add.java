package org.seq2seq4j.layers.merging;

import java.util.List;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Adds its inputs element-wise. Inputs: two or more tensors of one shape; output: that shape.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(4), b = Input.of(4);
 * KerasTensor y = new Add().apply(a, b);                  // (None, 4)
 * }</pre>
 */
public final class Add extends Merge<Add> {
    @Override
    protected Tensor merge(Tensor[] inputs) {
        return Ops.add(inputs);
    }

    @Override
    protected Shape mergedShape(List<Shape> shapes) {
        return requireSameShapes(shapes);
    }

    /** The layer a Keras config describes. */
    public static Add fromConfig(LayerConfig c) {
        return applyBase(new Add(), c);
    }
}
