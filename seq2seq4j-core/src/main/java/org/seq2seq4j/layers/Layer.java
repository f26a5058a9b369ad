package org.seq2seq4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Base of every layer, following the Keras 3 life cycle: the constructor and fluent setters
 * only store arguments; {@link #build} creates weights on the first call from the input shape
 * (after which setters fail); {@link #call} computes outputs; {@link #computeOutputShape}
 * agrees with {@code call}; {@link #getConfig} lists every argument with Keras keys.
 * Weights keep Keras names, shapes and order, so {@link #setWeights} takes what Keras's
 * {@code get_weights()} returns.
 *
 * <pre>{@code
 * Dense d = new Dense(2);
 * Tensor y = d.apply(Tensor.random(Shape.of(4, 3), 1));      // builds kernel (3, 2), bias (2,)
 * // d.countParams() -> 8; d.getWeights().get(0).shape() -> (3, 2)
 * }</pre>
 */
public abstract class Layer {
    private static final Map<String, Integer> NAME_COUNTS = new HashMap<>();

    private String name;
    private boolean trainable = true;
    private boolean built;
    private Shape batchInputShape;
    private final List<Variable> weights = new ArrayList<>();
    private SplittableRandom random;
    private String parentPath;
    private final List<Node> inboundNodes = new ArrayList<>();

    protected Layer() {
    }

    /** The Keras class name, e.g. {@code "LSTM"}; used in configs, summaries and messages. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The layer name; defaults to the snake_case class name with a counter, as Keras does. */
    public String name() {
        if (name == null) {
            name = uniqueName(snakeCase(className()));
        }
        return name;
    }

    /** Sets the layer name (must be set before the layer is built). */
    public Layer name(String n) {
        checkNotBuilt("name");
        if (n == null || n.isEmpty()) {
            throw ConfigException.argument(className(), "name", "a non-empty string", n);
        }
        this.name = n;
        return this;
    }

    /** Keras's {@code input_shape} without the batch axis, for the first layer of a Sequential. */
    public Layer inputShape(int... dims) {
        checkNotBuilt("inputShape");
        this.batchInputShape = Shape.of(dims).prepend(Shape.UNKNOWN);
        return this;
    }

    /** Keras's {@code batch_input_shape} (with the batch axis), or null when none was given. */
    public Shape batchInputShape() {
        return batchInputShape;
    }

    /** Sets {@code batch_input_shape} (batch axis included; {@link Shape#UNKNOWN} for None). */
    public Layer batchInputShape(Shape s) {
        checkNotBuilt("batchInputShape");
        this.batchInputShape = s;
        return this;
    }

    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes every weight of this layer. */
    public Layer trainable(boolean t) {
        this.trainable = t;
        for (Variable v : weights()) {
            v.trainable(t);
        }
        return this;
    }

    public boolean isBuilt() {
        return built;
    }

    /** Creates the weights for inputs of {@code inputShape} (batch axis first, may be unknown). */
    public final void build(Shape inputShape) {
        build(List.of(inputShape));
    }

    /** Creates the weights for inputs of these shapes (main input first; batch axes may be unknown). */
    public final void build(List<Shape> inputShapes) {
        if (built) {
            return;
        }
        checkInput(inputShapes.get(0));
        doBuild(inputShapes);
        built = true;
    }

    /** Subclasses create their weights here with {@link #addWeight}; the default builds for the main input. */
    protected void doBuild(List<Shape> inputShapes) {
        doBuild(inputShapes.get(0));
    }

    /** Subclasses create their weights here with {@link #addWeight}. */
    protected void doBuild(Shape inputShape) {
    }

    /**
     * Checks an input shape before build and call; the default accepts anything. Throw a
     * {@link ShapeException} naming this layer via {@link #describe()}.
     */
    protected void checkInput(Shape inputShape) {
    }

    /** The main output shape for an input of {@code inputShape}. */
    public abstract Shape computeOutputShape(Shape inputShape);

    /** All output shapes (several for layers such as LSTM with {@code return_state}). */
    public List<Shape> computeOutputShapes(Shape inputShape) {
        return List.of(computeOutputShape(inputShape));
    }

    /**
     * Functional API: calls this layer on symbolic tensors and returns its main output. The layer is
     * built and its inputs checked now; shape errors name this layer.
     */
    public final KerasTensor apply(KerasTensor... inputs) {
        return Node.call(this, inputs).outputs().get(0);
    }

    /** Functional API: as {@link #apply(KerasTensor...)}, returning every output (an LSTM with returnState gives [output, h, c]). */
    public final List<KerasTensor> applyAll(KerasTensor... inputs) {
        return Node.call(this, inputs).outputs();
    }

    /** All output shapes for the given input shapes (main input first); multi-input layers override this. */
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        return computeOutputShapes(inputShapes.get(0));
    }

    /** The calls of this layer on symbolic tensors, in order. */
    public List<Node> inboundNodes() {
        return Collections.unmodifiableList(inboundNodes);
    }

    int inboundNodeCount() {
        return inboundNodes.size();
    }

    void addInboundNode(Node n) {
        inboundNodes.add(n);
    }

    /**
     * Inference call on concrete inputs, returning the main output (as {@link #apply(KerasTensor...)}
     * does on symbolic ones): builds on first use, then computes.
     */
    public final Tensor apply(Tensor... inputs) {
        return call(CallContext.inference(), inputs)[0];
    }

    /** As {@link #apply(Tensor...)}, returning every output (an LSTM with returnState gives [output, h, c]). */
    public final List<Tensor> applyAll(Tensor... inputs) {
        return List.of(call(CallContext.inference(), inputs));
    }

    /** Calls the layer with a context (training flag, mask, random stream). */
    public final Tensor[] call(CallContext ctx, Tensor... inputs) {
        if (inputs.length == 0 || inputs[0] == null) {
            throw new Seq2SeqException(describe() + " was called with no input");
        }
        if (built) {
            checkInput(inputs[0].shape());
        } else {
            List<Shape> shapes = new ArrayList<>();
            for (Tensor t : inputs) {
                shapes.add(t == null ? Shape.scalar() : t.shape());
            }
            build(shapes);                      // checks the input too
        }
        return doCall(inputs, ctx);
    }

    /** Computes the outputs; {@code inputs[0]} is the main input, later ones are extras such as initial states. */
    protected abstract Tensor[] doCall(Tensor[] inputs, CallContext ctx);

    /** The mask this layer's output carries, given the input mask (default: passes it on). */
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return inputMask;
    }

    /** Forgets the states a stateful layer carries between calls; nothing for other layers. */
    public void resetStates() {
    }

    /** The random stream for initialisers and dropout, split from the global seed on first use. */
    protected SplittableRandom random() {
        if (random == null) {
            random = Seq2Seq4j.newRandom();
        }
        return random;
    }

    /** Creates a weight named {@code layer_name/weightName} filled by {@code init}; only inside build. */
    protected Variable addWeight(String weightName, Shape shape, Initializer init) {
        return addWeight(weightName, shape, init, trainable);
    }

    /** As {@link #addWeight(String, Shape, Initializer)}, with an explicit trainable flag. */
    protected Variable addWeight(String weightName, Shape shape, Initializer init, boolean isTrainable) {
        if (built) {
            throw new Seq2SeqException(describe() + " is already built: weights are created in build(), not later");
        }
        if (!shape.isKnown()) {
            throw new ShapeException(describe() + " weight '" + weightName + "'", "a fully known shape", shape,
                    "the input's feature axis must be known when the layer is built");
        }
        WeightBudget.charge(this, weightName, shape);
        Tensor value = Tensor.zeros(shape);
        init.fill(value.data(), shape, random());
        String path = (parentPath == null ? "" : parentPath + "/") + name() + "/" + weightName;
        Variable v = new Variable(path, value, isTrainable && trainable);
        weights.add(v);
        return v;
    }

    /** Nests this layer's weight paths under a wrapper's name, as Keras does ({@code time_distributed/dense/kernel}). */
    protected static void nestUnder(Layer inner, Layer wrapper) {
        inner.parentPath = wrapper.name();
    }

    /** Adopts an inner layer's weights as this wrapper's own, after the inner layer is built. */
    protected void adoptWeights(Layer inner) {
        weights.addAll(inner.weights);
    }

    /** The weights, in Keras {@code get_weights()} order. */
    public List<Variable> weights() {
        return Collections.unmodifiableList(weights);
    }

    /** The trainable weights. */
    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights()) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Number of weight values, as in Keras's summary. */
    public int countParams() {
        int n = 0;
        for (Variable v : weights()) {
            n += v.shape().size();
        }
        return n;
    }

    /** Copies of the weight values, in Keras order. */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) {
            out.add(v.value().copy());
        }
        return out;
    }

    /** Sets the weights from values in Keras order and layout; count and shapes must match. */
    public void setWeights(List<Tensor> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            List<Shape> shapes = new ArrayList<>();
            ws.forEach(v -> shapes.add(v.shape()));
            throw new ConfigException(describe(), "setWeights", ws.size() + " weights " + shapes,
                    values.size() + " weights");
        }
        for (int i = 0; i < values.size(); i++) {
            ws.get(i).assign(values.get(i));
        }
    }

    /** The Keras config: name, trainable, batch_input_shape (if set) and the layer's own arguments. */
    public LayerConfig getConfig() {
        LayerConfig c = new LayerConfig().put("name", name()).put("trainable", trainable);
        if (batchInputShape != null) {
            List<Integer> dims = new ArrayList<>();
            for (int d : batchInputShape.dims()) {
                dims.add(d == Shape.UNKNOWN ? null : d);
            }
            c.put("batch_input_shape", dims);
        }
        return c;
    }

    /** Applies the base arguments of a config (name, trainable, batch_input_shape) to {@code layer}. */
    public static <L extends Layer> L applyBase(L layer, LayerConfig c) {
        if (c.has("name")) {
            layer.name(c.getString("name", null));
        }
        layer.trainable(c.getBool(layer.className(), "trainable", true));
        int[] bis = c.getInts(layer.className(), "batch_input_shape");
        if (bis == null) {
            bis = c.getInts(layer.className(), "batch_shape");
        }
        if (bis != null) {
            layer.batchInputShape(Shape.of(bis));
        }
        return layer;
    }

    /** {@code ClassName 'name'}, the subject of error messages. */
    public String describe() {
        return className() + " '" + name() + "'";
    }

    /** Throws when an option is set after the weights exist. */
    protected void checkNotBuilt(String option) {
        if (built) {
            throw new Seq2SeqException(describe() + ": " + option + " cannot change after the layer is built");
        }
    }

    /** Rejects an input whose rank is not {@code rank}. */
    protected void requireRank(Shape in, int rank, String layout) {
        if (in.rank() != rank) {
            throw new ShapeException(describe(), "input of rank " + rank + " " + layout, in);
        }
    }

    /** Rejects an input whose rank is below {@code rank}. */
    protected void requireMinRank(Shape in, int rank, String layout) {
        if (in.rank() < rank) {
            throw new ShapeException(describe(), "input of rank >= " + rank + " " + layout, in);
        }
    }

    static String snakeCase(String cls) {
        if (cls.equals(cls.toUpperCase(Locale.ROOT))) {
            return cls.toLowerCase(Locale.ROOT);
        }
        return cls.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static synchronized String uniqueName(String base) {
        int n = NAME_COUNTS.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + (n - 1);
    }

    /** Forgets the automatic name counters (tests that compare names call this first). */
    public static synchronized void resetNames() {
        NAME_COUNTS.clear();
    }

    @Override
    public String toString() {
        return describe();
    }
}
