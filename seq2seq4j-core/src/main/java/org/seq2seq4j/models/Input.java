package org.seq2seq4j.models;

import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;

/**
 * Starts a functional graph, as Keras's {@code Input(shape, name, dtype)}: a symbolic tensor of the
 * given per-sample shape (the batch axis is added as {@code None}; use {@link Shape#UNKNOWN} for a
 * variable-length time axis).
 *
 * <pre>{@code
 * KerasTensor tokens = Input.of("encoder_inputs", Shape.UNKNOWN, 71);   // (None, None, 71)
 * KerasTensor ids = Input.of(20);                                       // (None, 20)
 * KerasTensor fixed = Input.ofBatchShape(32, 10, 8);                    // (32, 10, 8), for stateful RNNs
 * KerasTensor tokenIds = Input.of("tokens", DType.INT32, Shape.UNKNOWN);  // (None, None), whole numbers only
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /** An input of the given per-sample shape with an automatic name. */
    public static KerasTensor of(int... shape) {
        return InputLayer.ofShape(shape).output();
    }

    /** An input with a fixed batch axis (Keras's {@code batch_shape}), as stateful RNNs need. */
    public static KerasTensor ofBatchShape(int... batchShape) {
        return new InputLayer(Shape.of(batchShape)).output();
    }

    /** A named input of the given per-sample shape and dtype ({@link DType#INT32} for token ids). */
    public static KerasTensor of(String name, DType dtype, int... shape) {
        InputLayer layer = InputLayer.ofShape(shape).dtype(java.util.Objects.requireNonNull(dtype, "dtype"));
        layer.name(name);
        return layer.output();
    }

    /** A named input of the given per-sample shape. */
    public static KerasTensor of(String name, int... shape) {
        InputLayer layer = InputLayer.ofShape(shape);
        layer.name(name);
        return layer.output();
    }
}
