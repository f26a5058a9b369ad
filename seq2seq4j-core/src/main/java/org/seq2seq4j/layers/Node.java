package org.seq2seq4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.tensor.Shape;

/**
 * One call of a layer on symbolic tensors: which layer, on which inputs, giving which outputs.
 * Calling the same layer object twice makes two nodes that share its weights.
 *
 * <pre>{@code
 * Dense shared = new Dense(4);
 * KerasTensor a = shared.apply(Input.of(3));
 * KerasTensor b = shared.apply(Input.of(3));
 * // a.node().indexInLayer() -> 0; b.node().indexInLayer() -> 1; one kernel
 * }</pre>
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final int indexInLayer;

    private Node(Layer layer, List<KerasTensor> inputs, List<Shape> outputShapes, int indexInLayer) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.indexInLayer = indexInLayer;
        List<KerasTensor> outs = new ArrayList<>();
        for (int i = 0; i < outputShapes.size(); i++) {
            outs.add(new KerasTensor(outputShapes.get(i), this, i));
        }
        this.outputs = Collections.unmodifiableList(outs);
    }

    /** A node with no inputs: the source of an {@code Input}. */
    static Node source(Layer layer, Shape shape) {
        Node n = new Node(layer, List.of(), List.of(shape), layer.inboundNodeCount());
        layer.addInboundNode(n);
        return n;
    }

    /**
     * Calls {@code layer} on symbolic inputs: builds it for their shapes (or checks the main input
     * against a built layer), infers the output shapes without computing anything (Keras's
     * compute_output_spec; every shape error is raised now, with the layer's own message), and
     * records the call. A built layer keeps its weights and, if stateful, its states.
     */
    static Node call(Layer layer, KerasTensor... inputs) {
        if (inputs.length == 0) {
            throw new Seq2SeqException(layer.describe() + " was called with no input");
        }
        List<Shape> shapes = new ArrayList<>();
        for (KerasTensor in : inputs) {
            shapes.add(in.shape());
        }
        if (layer.isBuilt()) {
            layer.checkInput(shapes.get(0));
        } else {
            layer.build(shapes);
        }
        List<Shape> outShapes = layer.computeOutputShapes(shapes);
        Node n = new Node(layer, List.of(inputs), outShapes, layer.inboundNodeCount());
        layer.addInboundNode(n);
        return n;
    }

    public Layer layer() {
        return layer;
    }

    public List<KerasTensor> inputs() {
        return inputs;
    }

    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** The position of this call among all calls of its layer. */
    public int indexInLayer() {
        return indexInLayer;
    }

    @Override
    public String toString() {
        return layer.describe() + " node " + indexInLayer;
    }
}
