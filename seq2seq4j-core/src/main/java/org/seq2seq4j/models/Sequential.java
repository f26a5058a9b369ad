package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A plain stack of layers, each feeding the next, as Keras's {@code Sequential}. The first layer
 * may declare the input shape ({@code inputShape(...)} or an {@link InputLayer}); otherwise the
 * model is built on the first call. Masks made by a layer (e.g. {@code Embedding(maskZero)}) flow
 * to the following layers and to the loss.
 *
 * <pre>{@code
 * Seq2Seq4j.seed(1);
 * Sequential model = new Sequential()
 *         .add(new LSTM(16).inputShape(5, 3))
 *         .add(new RepeatVector(5))
 *         .add(new LSTM(16).returnSequences(true))
 *         .add(new TimeDistributed(new Dense(3).activation(Activation.SOFTMAX)));
 * model.summary();
 * model.compile("adam", "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private Shape builtInput;

    public Sequential() {
    }

    /** A model made of these layers in order. */
    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends a layer; builds the model at once when the input shape is known. */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw ConfigException.argument(describe(), "layer", "a layer", null);
        }
        if (isBuilt()) {
            throw new Seq2SeqException(describe() + ": cannot add " + layer.describe() + " after the model is built");
        }
        if (layer instanceof InputLayer && !layers.isEmpty()) {
            throw ConfigException.argument(describe(), "InputLayer", "the first layer", "layer " + (layers.size() + 1));
        }
        layers.add(layer);
        Shape in = declaredInput();
        if (in != null && layers.size() > 1) {
            outputShapes(in);
        }
        return this;
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public int inputCount() {
        return 1;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    List<String[]> summaryRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Layer (type)", "Output Shape", "Param #"});
        Shape in = declaredInput();
        List<Shape> shapes = in != null ? outputShapes(in) : null;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!(l instanceof InputLayer)) {
                rows.add(new String[] {Summary.layerCell(l), shapes == null ? "?" : shapes.get(i).toString(),
                        Summary.params(l)});
            }
        }
        return rows;
    }

    /** The input shape the first layer declares, or null. */
    public Shape declaredInput() {
        return layers.isEmpty() ? null : layers.get(0).batchInputShape();
    }

    @Override
    protected void checkInput(Shape in) {
        if (layers.isEmpty()) {
            throw new Seq2SeqException(describe() + " has no layers; add some before calling it");
        }
    }

    @Override
    protected void doBuild(Shape in) {
        builtInput = in;
        outputShapes(in);
    }

    /** Builds every layer in turn and returns each layer's output shape. */
    List<Shape> outputShapes(Shape in) {
        List<Shape> shapes = new ArrayList<>();
        Shape s = in;
        for (Layer l : layers) {
            l.build(s);
            s = l.computeOutputShape(s);
            shapes.add(s);
        }
        return shapes;
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        Shape s = in;
        for (Layer l : layers) {
            s = l.computeOutputShape(s);
        }
        return s;
    }

    @Override
    public Forward forward(CallContext ctx, Tensor... inputs) {
        build(inputs[0].shape());
        Tensor x = inputs[0];
        Tensor mask = ctx.mask();
        for (Layer l : layers) {
            Tensor[] in = {x};
            Tensor[] out = l.call(ctx.withMask(mask), in);
            mask = l.computeMask(in, mask);
            x = out[0];
        }
        return new Forward(new Tensor[] {x}, new Tensor[] {mask});
    }

    @Override
    public List<Variable> weights() {
        List<Variable> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.weights());
        }
        return all;
    }

    @Override
    public LayerConfig getConfig() {
        List<LayerConfig> ls = new ArrayList<>();
        for (Layer l : layers) {
            ls.add(Layers.serialize(l));
        }
        LayerConfig c = super.getConfig().put("layers", ls);
        if (builtInput != null && declaredInput() == null) {
            List<Integer> dims = new ArrayList<>();
            for (int d : builtInput.dims()) {
                dims.add(d == Shape.UNKNOWN ? null : d);
            }
            c.put("build_input_shape", dims);
        }
        return c;
    }

    /** The model a Keras Sequential config describes ({@code {"name": ..., "layers": [...]}}), built for
     * {@code build_input_shape} when the config gives it. */
    @SuppressWarnings("unchecked")
    public static Sequential fromConfig(LayerConfig c) {
        Object ls = c.get("layers");
        if (!(ls instanceof List<?> list)) {
            throw new ConfigException("Sequential", "layers", "a list of layer configs", ls);
        }
        Sequential s = applyBase(new Sequential(), c);
        for (Object o : list) {
            if (!(o instanceof LayerConfig lc)) {
                throw new ConfigException("Sequential", "layers[]", "a {class_name, config} object", o);
            }
            s.add(Layers.deserialize(lc));
        }
        int[] built = c.getInts("Sequential", "build_input_shape");
        Shape in = built != null ? Shape.of(built) : s.declaredInput();
        if (in != null && !s.isBuilt() && !s.layers.isEmpty()) {
            s.build(in);
        }
        return s;
    }
}
