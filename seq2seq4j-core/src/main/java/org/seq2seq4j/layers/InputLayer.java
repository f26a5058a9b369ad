package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Declares the shape a model takes ({@code batch_shape}, batch axis first, {@link Shape#UNKNOWN}
 * for None) and its dtype (float32 by default; int32/int64 for token ids, bool for masks). Passes
 * its input through after checking both.
 *
 * <pre>{@code
 * Sequential m = new Sequential().add(InputLayer.ofShape(10, 8)).add(new LSTM(4));
 * // m.summary() shows LSTM output (None, 4)
 * }</pre>
 */
public final class InputLayer extends FluentLayer<InputLayer> {
    private static final System.Logger LOG = System.getLogger(InputLayer.class.getName());
    private boolean warned;
    private DType dtype = DType.FLOAT32;
    private KerasTensor output;

    public InputLayer(Shape batchShape) {
        batchInputShape(java.util.Objects.requireNonNull(batchShape, "batchShape"));
    }

    /** Sets the dtype the input's values must have (before the input is used). */
    public InputLayer dtype(DType d) {
        checkNotBuilt("dtype");
        dtype = java.util.Objects.requireNonNull(d, "dtype");
        return this;
    }

    public DType dtype() {
        return dtype;
    }

    /** Checks a value fed to this input: its shape, and that every value fits the dtype. */
    public void checkValue(Tensor t) {
        checkInput(t.shape());
        if (dtype == DType.FLOAT32) {
            return;
        }
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!dtype.accepts(d[i])) {
                throw new ConfigException(describe(), "every value", dtype.kerasName() + " values",
                        d[i] + " at flat index " + i);
            }
        }
    }

    /** An input of the given per-sample shape (the batch axis is left open), as Keras's {@code Input(shape)}. */
    public static InputLayer ofShape(int... dims) {
        return new InputLayer(Shape.of(dims).prepend(Shape.UNKNOWN));
    }

    /** The symbolic tensor this input feeds into a functional graph (what Keras's {@code Input(...)} returns). */
    public KerasTensor output() {
        if (output == null) {
            build(batchShape());
            output = Node.source(this, batchShape()).outputs().get(0);
        }
        return output;
    }

    /** The declared shape, batch axis first (the layer's {@code batch_input_shape}). */
    public Shape batchShape() {
        return batchInputShape();
    }

    /**
     * The rank and the feature axis must be as declared; other axes (the batch and the time axis)
     * may differ, as Keras 3 allows with a warning (a decoder declared {@code (None, 5)} is often
     * stepped on {@code (1, 1)}): logged once per input.
     */
    @Override
    protected void checkInput(Shape in) {
        Shape declared = batchShape();
        if (in.rank() != declared.rank() || !sameAxis(declared.last(), in.last())) {
            throw new ShapeException(describe(), "input of shape " + declared + " (the rank and the last axis must match)",
                    in);
        }
        if (!declared.compatible(in) && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "{0} was declared with shape {1} but is called on an input of shape {2}; "
                    + "running it, as Keras does (the layers must accept that shape)", describe(), declared, in);
        }
    }

    private static boolean sameAxis(int declared, int given) {
        return declared == Shape.UNKNOWN || given == Shape.UNKNOWN || declared == given;
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        checkValue(inputs[0]);
        return new Tensor[] {inputs[0]};
    }

    @Override
    public LayerConfig getConfig() {
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (int d : batchShape().dims()) {
            dims.add(d == Shape.UNKNOWN ? null : d);
        }
        return new LayerConfig().put("name", name()).put("batch_shape", dims).put("dtype", dtype.kerasName());
    }

    /** The dtype name: a plain string, or Keras 3's {@code DTypePolicy} object ({@code config.name}). */
    private static String dtypeName(LayerConfig c) {
        LayerConfig policy = c.getConfig("dtype");
        if (policy != null) {
            LayerConfig inner = policy.getConfig("config");
            return inner == null ? null : inner.getString("name", null);
        }
        return c.getString("dtype", null);
    }

    /** The layer a Keras config describes ({@code batch_shape}, or Keras 2 {@code batch_input_shape}). */
    public static InputLayer fromConfig(LayerConfig c) {
        int[] dims = c.getInts("InputLayer", "batch_shape");
        if (dims == null) {
            dims = c.getInts("InputLayer", "batch_input_shape");
        }
        if (dims == null) {
            throw new ConfigException("InputLayer", "batch_shape", "a list of dimensions", "missing");
        }
        InputLayer l = new InputLayer(Shape.of(dims)).dtype(DType.fromKerasName(dtypeName(c)));
        if (c.has("name")) {
            l.name(c.getString("name", null));
        }
        return l;
    }
}
