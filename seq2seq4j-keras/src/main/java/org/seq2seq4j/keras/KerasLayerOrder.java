package org.seq2seq4j.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;

/**
 * The order of a model's layers as Keras's {@code model.layers} gives it, which is the order in
 * which Keras writes and (by default) reads weights: for a functional model, layers by decreasing
 * depth from the outputs (inputs first) and, at equal depth, in the order a depth-first walk back
 * from the outputs first reaches them (Keras's {@code _map_graph_network} / {@code map_graph});
 * for a Sequential, the layers in order.
 *
 * <pre>{@code
 * List<Layer> layers = KerasLayerOrder.of(model);     // e.g. [input_1, input_2, lstm_1, lstm_2, dense_1]
 * List<Variable> weights = KerasLayerOrder.weights(model);   // Keras's model.weights order
 * }</pre>
 */
final class KerasLayerOrder {
    private KerasLayerOrder() {
    }

    /** The layers in Keras's {@code model.layers} order. */
    static List<Layer> of(Model model) {
        if (!(model instanceof Functional f)) {
            return model.layers();
        }
        Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
        List<Node> postOrder = new ArrayList<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor out : f.outputs()) {
            walk(out.node(), firstSeen, finished, postOrder);
        }
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new LinkedHashMap<>();
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            Node n = postOrder.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(n, 0), layerDepth.getOrDefault(n.layer(), 0));
            layerDepth.put(n.layer(), depth);
            nodeDepth.put(n, depth);
            for (KerasTensor in : n.inputs()) {
                nodeDepth.merge(in.node(), depth + 1, Math::max);
            }
        }
        for (KerasTensor in : f.inputs()) {
            if (!layerDepth.containsKey(in.node().layer())) {
                layerDepth.put(in.node().layer(), 0);
                firstSeen.put(in.node().layer(), -1);
            }
        }
        Map<Integer, List<Layer>> byDepth = new TreeMap<>(Comparator.reverseOrder());
        layerDepth.forEach((layer, depth) -> byDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(layer));
        List<Layer> out = new ArrayList<>();
        for (List<Layer> layers : byDepth.values()) {
            layers.sort(Comparator.comparingInt(firstSeen::get));
            out.addAll(layers);
        }
        return out;
    }

    private static void walk(Node node, Map<Layer, Integer> firstSeen, Set<Node> finished, List<Node> postOrder) {
        if (finished.contains(node)) {
            return;
        }
        firstSeen.putIfAbsent(node.layer(), firstSeen.size());
        for (KerasTensor in : node.inputs()) {
            walk(in.node(), firstSeen, finished, postOrder);
        }
        finished.add(node);
        postOrder.add(node);
    }

    /** A layer's weights in Keras order; a nested model lists its layers' weights in Keras layer order. */
    static List<Variable> weights(Layer layer) {
        if (!(layer instanceof Model m)) {
            return layer.weights();
        }
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : of(m)) {
            weights(l).stream().filter(seen::add).forEach(out::add);
        }
        return out;
    }
}
