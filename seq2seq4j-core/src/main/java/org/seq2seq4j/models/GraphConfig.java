package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;

/**
 * The Keras 3 config of a {@link Functional} model, written and read: {@code name}, {@code trainable},
 * {@code layers} (each {@code {module, class_name, config, registered_name, name, inbound_nodes}}),
 * {@code input_layers} and {@code output_layers} as {@code [layer, node, tensor]} triples. A node is
 * {@code {"args": [...], "kwargs": {...}}} of {@code __keras_tensor__} references with a
 * {@code keras_history}: a recurrent layer's extra inputs go to {@code kwargs.initial_state}, a
 * layer of several inputs (merges, attention) takes them as one list argument, as Keras calls them.
 * Reading replays the nodes in file order, a node waiting until the tensors it reads exist.
 *
 * <pre>{@code
 * LayerConfig c = GraphConfig.write(model);      // what model.getConfig() returns
 * Functional again = GraphConfig.read(c);       // same graph, fresh weights
 * }</pre>
 */
final class GraphConfig {
    private GraphConfig() {
    }

    /** The Keras 3 config of {@code model}; layers in the model's order. */
    static LayerConfig write(Functional model) {
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        for (Layer layer : model.layers()) {
            for (Node n : layer.inboundNodes()) {
                if (!n.inputs().isEmpty() && model.hasNode(n)) {
                    nodeIndex.put(n, (int) nodeIndex.keySet().stream().filter(m -> m.layer() == layer).count());
                }
            }
        }
        List<LayerConfig> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            List<LayerConfig> nodes = new ArrayList<>();
            for (Node n : layer.inboundNodes()) {
                if (nodeIndex.containsKey(n)) {
                    nodes.add(node(layer, n, nodeIndex));
                }
            }
            layers.add(Layers.kerasEntry(layer).put("name", layer.name()).put("inbound_nodes", nodes));
        }
        return new LayerConfig().put("name", model.name()).put("trainable", model.trainable()).put("layers", layers)
                .put("input_layers", refs(model.inputs(), nodeIndex)).put("output_layers", refs(model.outputs(), nodeIndex));
    }

    private static LayerConfig node(Layer layer, Node n, Map<Node, Integer> nodeIndex) {
        List<Object> ins = new ArrayList<>();
        n.inputs().forEach(t -> ins.add(tensor(t, nodeIndex)));
        LayerConfig kwargs = new LayerConfig();
        List<Object> args;
        if (ins.size() == 1) {
            args = ins;
        } else if (layer instanceof RecurrentLayer<?> || layer instanceof Bidirectional) {
            args = List.of(ins.get(0));
            kwargs.put("initial_state", ins.subList(1, ins.size()));
        } else {
            args = List.of(ins);
        }
        return new LayerConfig().put("args", args).put("kwargs", kwargs);
    }

    private static LayerConfig tensor(KerasTensor t, Map<Node, Integer> nodeIndex) {
        List<Integer> shape = new ArrayList<>();
        for (int d : t.shape().dims()) {
            shape.add(d < 0 ? null : d);
        }
        return new LayerConfig().put("class_name", "__keras_tensor__").put("config", new LayerConfig()
                .put("shape", shape).put("dtype", "float32").put("keras_history", history(t, nodeIndex)));
    }

    private static List<Object> history(KerasTensor t, Map<Node, Integer> nodeIndex) {
        return List.of(t.node().layer().name(), nodeIndex.getOrDefault(t.node(), 0), t.index());
    }

    /** A list of {@code [layer, node, tensor]} triples, or one triple for a single tensor, as Keras 3 writes them. */
    private static List<Object> refs(List<KerasTensor> ts, Map<Node, Integer> nodeIndex) {
        if (ts.size() == 1) {
            return history(ts.get(0), nodeIndex);
        }
        List<Object> out = new ArrayList<>();
        ts.forEach(t -> out.add(history(t, nodeIndex)));
        return out;
    }

    /** The model a Keras 3 functional config describes, with freshly initialised weights. */
    static Functional read(LayerConfig c) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<List<KerasTensor>>> outputs = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (LayerConfig entry : configs(c.get("layers"), "layers")) {
            Layer layer = Layers.deserialize(entry);
            String name = entry.getString("name", layer.name());
            if (layers.put(name, layer) != null) {
                throw ConfigException.argument("Functional", "layers", "distinct layer names", "a second '" + name + "'");
            }
            outputs.put(name, new ArrayList<>());
            if (layer instanceof InputLayer input) {
                outputs.get(name).add(List.of(input.output()));
            }
            Object nodes = entry.get("inbound_nodes");
            for (LayerConfig node : nodes == null ? List.<LayerConfig>of() : configs(nodes, name + " inbound_nodes")) {
                pending.add(new Pending(name, layer, node));
            }
        }
        replay(pending, outputs);
        try {
            return new Functional(c.getString("name", null), resolveAll(c.get("input_layers"), outputs),
                    resolveAll(c.get("output_layers"), outputs));
        } catch (Seq2SeqException e) {
            throw new ConfigException("Functional", "config", "a graph that builds", e.getMessage());
        }
    }

    /** A layer call still to be made. */
    private record Pending(String layerName, Layer layer, LayerConfig node) {
    }

    /** Makes every call whose inputs exist, in file order, until none is left (or none can be made). */
    private static void replay(List<Pending> pending, Map<String, List<List<KerasTensor>>> outputs) {
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                if (earlierCallWaits(pending, i)) {
                    continue;
                }
                List<KerasTensor> in = new ArrayList<>();
                if (!collect(p.node().get("args"), outputs, in) || !collect(kwargs(p).get("initial_state"), outputs, in)) {
                    continue;
                }
                outputs.get(p.layerName()).add(p.layer().applyAll(in.toArray(KerasTensor[]::new)));
                pending.remove(i--);
                progress = true;
            }
            if (!progress) {
                throw ConfigException.argument("Functional", "inbound_nodes of '" + pending.get(0).layerName() + "'",
                        "tensors that some layer produces", "references to unknown layers, nodes or tensors, or a cycle");
            }
        }
    }

    private static LayerConfig kwargs(Pending p) {
        LayerConfig k = p.node().getConfig("kwargs");
        if (k == null) {
            return new LayerConfig();
        }
        for (String key : k.keys()) {
            if (!key.equals("initial_state") && !key.equals("training") && !(key.equals("mask") && !k.has(key))) {
                throw ConfigException.argument("Functional", "call argument '" + key + "' of '" + p.layerName() + "'",
                        "initial_state or training", k.get(key));
            }
        }
        return k;
    }

    private static boolean earlierCallWaits(List<Pending> pending, int i) {
        for (int j = 0; j < i; j++) {
            if (pending.get(j).layer() == pending.get(i).layer()) {
                return true;
            }
        }
        return false;
    }

    /** Adds the tensors {@code v} references (nested lists allowed) to {@code out}; false when one is not made yet. */
    private static boolean collect(Object v, Map<String, List<List<KerasTensor>>> outputs, List<KerasTensor> out) {
        if (v == null) {
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!collect(x, outputs, out)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof LayerConfig t && "__keras_tensor__".equals(t.get("class_name")) && t.getConfig("config") != null) {
            KerasTensor k = resolve(t.getConfig("config").get("keras_history"), outputs, false);
            if (k != null) {
                out.add(k);
            }
            return k != null;
        }
        throw ConfigException.argument("Functional", "call argument", "a __keras_tensor__ reference", v);
    }

    private static List<KerasTensor> resolveAll(Object refs, Map<String, List<List<KerasTensor>>> outputs) {
        if (!(refs instanceof List<?> l) || l.isEmpty()) {
            throw ConfigException.argument("Functional", "input_layers/output_layers", "a list of [layer, node, tensor]",
                    refs);
        }
        if (l.get(0) instanceof String) {
            return List.of(resolve(l, outputs, true));
        }
        List<KerasTensor> out = new ArrayList<>();
        l.forEach(r -> out.add(resolve(r, outputs, true)));
        return out;
    }

    /** The tensor {@code [layer, node, tensor]} names, or null when that call is not made yet and not {@code required}. */
    private static KerasTensor resolve(Object ref, Map<String, List<List<KerasTensor>>> outputs, boolean required) {
        if (!(ref instanceof List<?> r) || r.size() < 3 || !(r.get(0) instanceof String layer)
                || !(r.get(1) instanceof Integer node) || !(r.get(2) instanceof Integer index)) {
            throw ConfigException.argument("Functional", "tensor reference", "[layer_name, node_index, tensor_index]", ref);
        }
        List<List<KerasTensor>> nodes = outputs.get(layer);
        if (nodes == null) {
            throw ConfigException.argument("Functional", "tensor reference", "the name of a layer of the model",
                    "'" + layer + "'");
        }
        if (node < 0 || node >= nodes.size()) {
            if (required || node < 0) {
                throw ConfigException.argument("Functional", "tensor reference " + ref, "a node of layer '" + layer
                        + "' (it has " + nodes.size() + ")", node);
            }
            return null;
        }
        if (index < 0 || index >= nodes.get(node).size()) {
            throw ConfigException.argument("Functional", "tensor reference " + ref, "an output of node " + node
                    + " of '" + layer + "' (it has " + nodes.get(node).size() + ")", index);
        }
        return nodes.get(node).get(index);
    }

    private static List<LayerConfig> configs(Object v, String what) {
        if (!(v instanceof List<?> l)) {
            throw ConfigException.argument("Functional", what, "a list of objects", v);
        }
        List<LayerConfig> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof LayerConfig c)) {
                throw ConfigException.argument("Functional", what, "a list of objects", o);
            }
            out.add(c);
        }
        return out;
    }
}
