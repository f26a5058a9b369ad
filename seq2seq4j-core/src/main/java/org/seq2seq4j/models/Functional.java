package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A model defined by a graph of layer calls, as Keras's functional {@code Model(inputs, outputs)}:
 * several inputs and outputs, shared layers (one layer object called twice shares its weights),
 * layers with several outputs, and models used as layers. The graph is traced from the outputs
 * back to the inputs when the model is made; an output that needs an input the model was not
 * given, or an input no output uses, is an error. Model families that are functional models with
 * more to offer (the seq2seq families of {@code org.seq2seq4j.seq2seq}) extend it.
 *
 * <pre>{@code
 * KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, 71);
 * List<KerasTensor> enc = new LSTM(256).returnState(true).applyAll(encoderInputs);     // [output, h, c]
 * KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, 93);
 * KerasTensor seq = new LSTM(256).returnSequences(true).apply(decoderInputs, enc.get(1), enc.get(2));
 * KerasTensor probs = new Dense(93).activation(Activation.SOFTMAX).apply(seq);
 * Model model = Model.of(List.of(encoderInputs, decoderInputs), List.of(probs));
 * model.compile("rmsprop", "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public class Functional extends Model {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> order;
    private final List<Layer> layers;

    public Functional(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this(null, inputs, outputs);
    }

    /** As {@link #Functional(List, List)}, named {@code name} (null: the default name), as Keras's {@code name=}. */
    public Functional(String name, List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (name != null) {
            name(name);
        }
        if (inputs == null || inputs.isEmpty() || outputs == null || outputs.isEmpty()) {
            throw ConfigException.argument(describe(), "inputs and outputs", "non-empty lists of symbolic tensors",
                    (inputs == null ? "no" : inputs.size()) + " inputs, " + (outputs == null ? "no" : outputs.size())
                            + " outputs");
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (KerasTensor in : this.inputs) {
            if (!(in.node().layer() instanceof InputLayer)) {
                throw ConfigException.argument(describe(), "inputs", "tensors made by Input.of(...)",
                        in + " (made by " + in.node().layer().describe() + ")");
            }
        }
        this.order = trace();
        Set<Layer> seen = new LinkedHashSet<>();
        for (Node n : order) {
            seen.add(n.layer());
        }
        this.layers = List.copyOf(seen);
        build(this.inputs.get(0).shape());
    }

    /**
     * Nodes in an order where every node comes after the nodes it reads from (inputs first), found by
     * a depth-first walk back from the outputs; the walk also tells which inputs the outputs use.
     */
    private List<Node> trace() {
        List<Node> sorted = new ArrayList<>();
        inputs.forEach(i -> sorted.add(i.node()));
        Map<Node, Boolean> state = new IdentityHashMap<>();    // false = on the current path, true = done
        for (KerasTensor out : outputs) {
            visit(out.node(), state, sorted, out);
        }
        for (KerasTensor in : inputs) {
            if (!state.containsKey(in.node())) {
                throw ConfigException.argument(describe(), "inputs", "tensors that every one feeds some output",
                        in.node().layer().describe() + ", which no output uses");
            }
        }
        return sorted;
    }

    private void visit(Node node, Map<Node, Boolean> state, List<Node> sorted, KerasTensor output) {
        Boolean s = state.get(node);
        if (Boolean.TRUE.equals(s)) {
            return;
        }
        if (Boolean.FALSE.equals(s)) {
            throw ConfigException.argument(describe(), "graph", "acyclic", "a cycle through " + node);
        }
        if (node.layer() instanceof InputLayer) {
            if (inputs.stream().noneMatch(i -> i.node() == node)) {
                throw ConfigException.argument(describe(), "inputs", "every Input the outputs depend on",
                        "output " + output.reference() + " depends on " + node.layer().describe()
                                + ", which is not among the model's inputs " + inputNames());
            }
            state.put(node, true);                              // already first in the order
            return;
        }
        state.put(node, false);
        for (KerasTensor in : node.inputs()) {
            visit(in.node(), state, sorted, output);
        }
        state.put(node, true);
        sorted.add(node);
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>();
        inputs.forEach(i -> names.add(i.node().layer().name()));
        return names;
    }

    /** True when {@code n} is one of the layer calls this model makes. */
    boolean hasNode(Node n) {
        return order.contains(n);
    }

    @Override
    public LayerConfig getConfig() {
        return GraphConfig.write(this);
    }

    /** The model a Keras 3 functional config describes ({@code layers} with {@code inbound_nodes}), freshly initialised. */
    public static Functional fromConfig(LayerConfig c) {
        return GraphConfig.read(c);
    }

    /** The model's symbolic inputs. */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The model's symbolic outputs. */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int inputCount() {
        return inputs.size();
    }

    @Override
    public int outputCount() {
        return outputs.size();
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return outputs.get(0).shape();
    }

    /** The output shapes, after checking every input against the model's input of that position. */
    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() != inputs.size()) {
            throw new ShapeException(describe(), inputs.size() + " input tensors " + inputShapes(), inputShapes.get(0),
                    "got " + inputShapes.size() + " tensors");
        }
        for (int i = 0; i < inputShapes.size(); i++) {
            if (!inputShapes.get(i).compatible(inputs.get(i).shape())) {
                throw new ShapeException(describe() + " input " + i, "shape " + inputs.get(i).shape(), inputShapes.get(i));
            }
        }
        return computeOutputShapes(inputShapes.get(0));
    }

    @Override
    public List<Shape> computeOutputShapes(Shape in) {
        List<Shape> s = new ArrayList<>();
        outputs.forEach(o -> s.add(o.shape()));
        return s;
    }

    @Override
    public Forward forward(CallContext ctx, Tensor... values) {
        if (values.length != inputs.size()) {
            throw new ShapeException(describe(), inputs.size() + " input tensors " + inputShapes(),
                    values.length == 0 ? Shape.scalar() : values[0].shape(), "got " + values.length + " tensors");
        }
        Map<KerasTensor, Tensor> value = new IdentityHashMap<>();
        Map<KerasTensor, Tensor> mask = new IdentityHashMap<>();
        for (int i = 0; i < values.length; i++) {
            ((InputLayer) inputs.get(i).node().layer()).checkValue(values[i]);
            value.put(inputs.get(i), values[i]);
        }
        for (Node n : order) {
            if (n.layer() instanceof InputLayer) {
                continue;
            }
            Tensor[] in = new Tensor[n.inputs().size()];
            Tensor[] inMasks = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = value.get(n.inputs().get(i));
                inMasks[i] = mask.get(n.inputs().get(i));
            }
            Tensor inMask = inMasks[0];
            Tensor[] out = n.layer().call(ctx.withInputMasks(inMasks), in);
            for (int i = 0; i < out.length; i++) {
                value.put(n.outputs().get(i), out[i]);
            }
            mask.put(n.outputs().get(0), n.layer().computeMask(in, inMask));
        }
        Tensor[] outs = new Tensor[outputs.size()];
        Tensor[] masks = new Tensor[outputs.size()];
        for (int k = 0; k < outs.length; k++) {
            outs[k] = value.get(outputs.get(k));
            masks[k] = mask.get(outputs.get(k));
        }
        return new Forward(outs, masks);
    }

    /** The shapes of the model's inputs, batch axis first. */
    public List<Shape> inputShapes() {
        List<Shape> s = new ArrayList<>();
        inputs.forEach(i -> s.add(i.shape()));
        return s;
    }

    /** The shapes of the model's outputs, batch axis first. */
    public List<Shape> outputShapes() {
        List<Shape> s = new ArrayList<>();
        outputs.forEach(o -> s.add(o.shape()));
        return s;
    }

    @Override
    public List<Variable> weights() {
        Set<Variable> all = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Variable> ordered = new ArrayList<>();
        for (Layer l : layers) {
            for (Variable v : l.weights()) {
                if (all.add(v)) {
                    ordered.add(v);
                }
            }
        }
        return ordered;
    }

    @Override
    List<String[]> summaryRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"});
        for (Layer l : layers) {
            List<Node> nodes = new ArrayList<>();
            for (Node n : order) {
                if (n.layer() == l) {
                    nodes.add(n);
                }
            }
            List<String> shapes = new ArrayList<>();
            nodes.get(0).outputs().forEach(o -> shapes.add(o.shape().toString()));
            List<String> connected = new ArrayList<>();
            for (Node n : nodes) {
                n.inputs().forEach(i -> connected.add(i.reference()));
            }
            rows.add(new String[] {Summary.layerCell(l), shapes.size() == 1 ? shapes.get(0) : String.join(",\n", shapes),
                    Summary.params(l), connected.isEmpty() ? "-" : String.join(",\n", connected)});
        }
        return rows;
    }
}
