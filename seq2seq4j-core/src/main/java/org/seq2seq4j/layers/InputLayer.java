package org.seq2seq4j.layers;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Declares the shape a model takes ({@code batch_shape}, batch axis first, {@link Shape#UNKNOWN}
 * for None). Passes its input through after checking it against that shape.
 *
 * <pre>{@code
 * Sequential m = new Sequential().add(InputLayer.ofShape(10, 8)).add(new LSTM(4));
 * // m.summary() shows LSTM output (None, 4)
 * }</pre>
 */
public final class InputLayer extends Layer {
    private final Shape batchShape;
    private KerasTensor output;

    public InputLayer(Shape batchShape) {
        this.batchShape = batchShape;
        batchInputShape(batchShape);
    }

    /** An input of the given per-sample shape (the batch axis is left open), as Keras's {@code Input(shape)}. */
    public static InputLayer ofShape(int... dims) {
        return new InputLayer(Shape.of(dims).prepend(Shape.UNKNOWN));
    }

    /** The symbolic tensor this input feeds into a functional graph (what Keras's {@code Input(...)} returns). */
    public KerasTensor output() {
        if (output == null) {
            build(batchShape);
            output = Node.source(this, batchShape).outputs().get(0);
        }
        return output;
    }

    public Shape batchShape() {
        return batchShape;
    }

    @Override
    protected void checkInput(Shape in) {
        if (!batchShape.compatible(in)) {
            throw new ShapeException(describe(), "input of shape " + batchShape, in);
        }
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {inputs[0]};
    }

    @Override
    public LayerConfig getConfig() {
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (int d : batchShape.dims()) {
            dims.add(d == Shape.UNKNOWN ? null : d);
        }
        return new LayerConfig().put("name", name()).put("batch_shape", dims).put("dtype", "float32");
    }

    /** The layer a Keras config describes ({@code batch_shape}, or Keras 2 {@code batch_input_shape}). */
    public static InputLayer fromConfig(LayerConfig c) {
        int[] dims = c.getInts("InputLayer", "batch_shape");
        if (dims == null) {
            dims = c.getInts("InputLayer", "batch_input_shape");
        }
        if (dims == null) {
            throw new org.seq2seq4j.ConfigException("InputLayer", "batch_shape", "a list of dimensions", "missing");
        }
        InputLayer l = new InputLayer(Shape.of(dims));
        if (c.has("name")) {
            l.name(c.getString("name", null));
        }
        return l;
    }
}
