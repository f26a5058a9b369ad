package org.seq2seq4j.keras;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.models.Functional;

/**
 * A Keras functional model entry ({@code class_name} {@code "Functional"} or Keras 2's
 * {@code "Model"}) rebuilt with core's functional API: every layer is made from its config, each
 * InputLayer gives its symbolic tensor, then every inbound node is replayed in file order as
 * {@code layer.applyAll(...)} (a node whose inputs do not exist yet waits, as in Keras), and the
 * {@code input_layers}/{@code output_layers} references pick the model's ends. Inbound nodes are
 * read in both forms: Keras 2 / TF.js lists {@code [[layer, node, tensor, kwargs], ...]} (an RNN's
 * initial states follow the sequence input, or sit in {@code kwargs.initial_state}) and Keras 3
 * objects {@code {"args": [...], "kwargs": {...}}} of {@code __keras_tensor__} entries with a
 * {@code keras_history} (initial states in {@code kwargs.initial_state}). Newer Keras 3 files also
 * hold the masks Keras propagated (an Embedding's {@code mask_zero}, a Masking layer's) as operation
 * entries ({@code keras.src.ops}: {@code NotEqual}, {@code Any}, ...) passed to later layers as
 * {@code kwargs.mask}; core propagates the same masks itself, so those entries are skipped. An
 * operation whose output feeds a layer as data, or a {@code mask} that no such entry computes, is
 * refused by name.
 *
 * <pre>{@code
 * FunctionalConfig c = FunctionalConfig.of(JsonValue.read(Path.of("model.json")), null);
 * Functional model = c.build();     // c.format() -> KERAS_2 applies hard_sigmoid = clip(0.2x + 0.5, 0, 1)
 * }</pre>
 */
final class FunctionalConfig implements ModelConfig {
    /** Call arguments that carry no tensor and do not change what a node computes. */
    private static final List<String> IGNORED_KWARGS = List.of("training", "mask");

    private final JsonValue config;
    private final KerasFormat format;
    private final List<JsonValue> entries = new ArrayList<>();
    /** Names of the operation entries that only compute masks. */
    private final Set<String> maskOps;

    private FunctionalConfig(JsonValue config, KerasFormat format) {
        this.config = config;
        this.format = format;
        this.maskOps = maskOnlyOperations(config);
        for (JsonValue entry : config.get("layers").items()) {
            if (!maskOps.contains(name(entry))) {
                SequentialConfig.collect(entry, entries);
            }
        }
    }

    /**
     * The operation entries ({@code module} {@code keras.src.ops...}) whose outputs reach other entries
     * only as {@code kwargs.mask} or through other such entries, and never the model's outputs.
     */
    private static Set<String> maskOnlyOperations(JsonValue config) {
        Set<String> ops = new HashSet<>();
        for (JsonValue entry : config.get("layers").items()) {
            if (isOperation(entry)) {
                ops.add(name(entry));
            }
        }
        boolean changed = !ops.isEmpty();
        while (changed) {
            changed = false;
            for (JsonValue entry : config.get("layers").items()) {
                if (ops.contains(name(entry)) || entry.get("inbound_nodes").isNull()) {
                    continue;
                }
                for (JsonValue node : entry.get("inbound_nodes").items()) {
                    if (node.isObject()) {
                        changed |= ops.removeAll(dataNames(node));
                    }
                }
            }
            JsonValue outputs = config.get("output_layers");
            List<JsonValue> refs = !outputs.items().isEmpty() && outputs.items().get(0).value() instanceof String
                    ? List.of(outputs) : outputs.items();
            for (JsonValue r : refs) {
                changed |= ops.remove(r.items().get(0).string());
            }
        }
        return ops;
    }

    /** Whether {@code entry} is a Keras 3 operation (module {@code keras.src.ops...}): no weights, not a layer. */
    static boolean isOperation(JsonValue entry) {
        return entry.get("module").stringOr("").startsWith("keras.src.ops");
    }

    /** The entries a Keras 3 node reads as data: every tensor of its arguments but {@code kwargs.mask}. */
    private static Set<String> dataNames(JsonValue node) {
        List<JsonValue> refs = new ArrayList<>();
        tensorRefs(node.get("args"), refs);
        JsonValue kwargs = node.get("kwargs");
        if (kwargs.isObject()) {
            for (String key : kwargs.object().keySet()) {
                if (!key.equals("mask") && !isUnset(kwargs.get(key)) && !key.equals("training")) {
                    anyTensorRefs(kwargs.get(key), refs);
                }
            }
        }
        Set<String> names = new HashSet<>();
        refs.forEach(r -> names.add(r.items().get(0).string()));
        return names;
    }

    /** Tensor references anywhere inside {@code v}; other values are passed over. */
    private static void anyTensorRefs(JsonValue v, List<JsonValue> out) {
        if (v.isList()) {
            v.items().forEach(item -> anyTensorRefs(item, out));
        } else if (v.isObject() && "__keras_tensor__".equals(v.get("class_name").stringOr(null))) {
            out.add(v.get("config").get("keras_history"));
        }
    }

    /** Reads a functional model entry; {@code generatedBy} is a TF.js file's top-level field (or null). */
    static FunctionalConfig of(JsonValue model, String generatedBy) {
        JsonValue config = model.get("config");
        config.get("layers").list();
        return new FunctionalConfig(config, SequentialConfig.detectFormat(model, config.get("layers"), generatedBy));
    }

    @Override
    public KerasFormat format() {
        return format;
    }

    /** Layer classes used by the model that {@link Layers} does not know, in order of appearance. */
    @Override
    public List<String> missingLayerClasses() {
        return SequentialConfig.missing(entries);
    }

    /** The model with Keras 2 / TF.js semantics applied and its weights freshly initialised. */
    @Override
    public Functional build() {
        Map<String, String> customActivations = new HashMap<>();
        for (JsonValue entry : config.get("layers").items()) {
            if (maskOps.contains(name(entry))) {
                continue;
            }
            String custom = KerasDialect.takeCustomActivation(entry);
            if (custom != null) {
                customActivations.put(name(entry), custom);
            }
        }
        SequentialConfig.checkKnownAndApplyDialect(entries, format);
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<List<KerasTensor>>> nodeOutputs = new HashMap<>();
        Deque<PendingNode> pending = new ArrayDeque<>();
        for (JsonValue entry : config.get("layers").items()) {
            String name = name(entry);
            if (maskOps.contains(name)) {
                continue;
            }
            if (layers.containsKey(name)) {
                throw entry.get("name").error("a second layer named '" + name + "'");
            }
            Layer layer = create(entry);
            Layer after = customActivations.containsKey(name) ? Layers.fromConfig("Activation", new LayerConfig()
                    .put("name", name + "_activation").put("activation", customActivations.get(name))) : null;
            layers.put(name, layer);
            nodeOutputs.put(name, new ArrayList<>());
            if (layer instanceof InputLayer input) {
                nodeOutputs.get(name).add(List.of(input.output()));
            }
            JsonValue inbound = entry.get("inbound_nodes");
            if (!inbound.isNull()) {
                for (JsonValue node : inbound.items()) {
                    pending.add(new PendingNode(name, layer, after, node, pending.size()));
                }
            }
        }
        replay(pending, nodeOutputs);
        List<KerasTensor> inputs = references(config.get("input_layers"), nodeOutputs);
        List<KerasTensor> outputs = references(config.get("output_layers"), nodeOutputs);
        try {
            return new Functional(config.get("name").stringOr(null), inputs, outputs);
        } catch (Seq2SeqException e) {
            throw config.error(format.label() + " functional model does not build: " + e.getMessage());
        }
    }

    private Layer create(JsonValue entry) {
        String cls = entry.get("class_name").string();
        try {
            return keras2Masking(Layers.fromConfig(cls, LayerConfig.of(entry.get("config").object())));
        } catch (ModelFormatException e) {
            throw e;
        } catch (Seq2SeqException e) {
            throw entry.get("config").error(format.label() + " layer config of class '" + cls + "' is invalid: "
                    + e.getMessage());
        }
    }

    /** Keras 2 and TF.js mask a recurrent layer's call given initial states too; Keras 3 does not. */
    private Layer keras2Masking(Layer layer) {
        if (format.keras2Semantics()) {
            if (layer instanceof RecurrentLayer<?> r) {
                r.maskWithInitialStates(true);
            } else if (layer instanceof Bidirectional b) {
                keras2Masking(b.forwardLayer());
                keras2Masking(b.backwardLayer());
            }
        }
        return layer;
    }

    /** Applies every node once its inputs exist; a layer's nodes keep their order. */
    private void replay(Deque<PendingNode> pending, Map<String, List<List<KerasTensor>>> nodeOutputs) {
        int waited = 0;
        while (!pending.isEmpty()) {
            PendingNode n = pending.poll();
            List<KerasTensor> in = inputsIfReady(n.node, nodeOutputs);
            boolean earlierWaiting = pending.stream().anyMatch(p -> p.layerName.equals(n.layerName)
                    && p.order < n.order);
            if (in == null || earlierWaiting) {
                pending.add(n);
                if (++waited > pending.size()) {
                    throw n.node.error("inbound node of layer '" + n.layerName + "' reads tensors that no layer"
                            + " produces (unknown layer, node or tensor index, or a cycle)");
                }
                continue;
            }
            waited = 0;
            try {
                List<KerasTensor> outs = n.layer.applyAll(in.toArray(KerasTensor[]::new));
                nodeOutputs.get(n.layerName).add(n.after == null ? outs : List.of(n.after.apply(outs.get(0))));
            } catch (Seq2SeqException e) {
                throw n.node.error(format.label() + " layer '" + n.layerName + "' cannot be called on "
                        + in + ": " + e.getMessage());
            }
        }
    }

    /** The tensors a node reads, main input first, or null when one of them is not made yet. */
    private List<KerasTensor> inputsIfReady(JsonValue node, Map<String, List<List<KerasTensor>>> nodeOutputs) {
        List<JsonValue> refs = new ArrayList<>();
        if (node.isObject()) {
            tensorRefs(node.get("args"), refs);
            kwargRefs(node.get("kwargs"), refs);
        } else {
            for (JsonValue item : node.items()) {
                refs.add(item);
                if (item.list().size() > 3) {
                    kwargRefs(item.items().get(3), refs);
                }
            }
        }
        List<KerasTensor> out = new ArrayList<>();
        for (JsonValue ref : refs) {
            KerasTensor t = resolve(ref, nodeOutputs, false);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /** Keras 3 tensors inside call arguments (nested lists allowed), in order. */
    private static void tensorRefs(JsonValue v, List<JsonValue> out) {
        if (v.isList()) {
            v.items().forEach(item -> tensorRefs(item, out));
        } else if (v.isObject() && "__keras_tensor__".equals(v.get("class_name").stringOr(null))) {
            out.add(v.get("config").get("keras_history"));
        } else if (v.isObject() && v.object().containsKey("keras_history")) {
            out.add(v.get("keras_history"));
        } else if (!v.isNull()) {
            throw v.error("expected a tensor reference ({\"class_name\": \"__keras_tensor__\", ...}) as a call"
                    + " argument");
        }
    }

    /**
     * Tensors in call keyword arguments: {@code initial_state}; a {@code mask} that Keras derived (see
     * {@link #maskOnlyOperations}) is left to core's own mask propagation; any other tensor argument
     * is rejected.
     */
    private void kwargRefs(JsonValue kwargs, List<JsonValue> out) {
        if (!kwargs.isObject()) {
            return;
        }
        for (String key : kwargs.object().keySet()) {
            JsonValue v = kwargs.get(key);
            if (key.equals("initial_state")) {
                stateRefs(v, out);
            } else if (key.equals("mask") && !v.isNull()) {
                List<JsonValue> refs = new ArrayList<>();
                anyTensorRefs(v, refs);
                if (refs.isEmpty() || !refs.stream().allMatch(r -> maskOps.contains(r.items().get(0).string()))) {
                    throw v.error("call argument 'mask' is supported by the importer only as the mask Keras "
                            + "propagates itself (an Embedding's mask_zero, a Masking layer), not as another tensor");
                }
            } else if (!IGNORED_KWARGS.contains(key) && !isUnset(v)) {
                throw v.error("call argument '" + key + "' is not supported by the importer (only initial_state"
                        + " and training are)");
            }
        }
    }

    /** Initial states: Keras 3 tensor objects, or Keras 2 {@code [layer, node, tensor]} triples. */
    private static void stateRefs(JsonValue v, List<JsonValue> out) {
        if (v.isList() && !v.list().isEmpty() && v.list().get(0) instanceof String) {
            out.add(v);
        } else if (v.isList()) {
            v.items().forEach(item -> stateRefs(item, out));
        } else {
            tensorRefs(v, out);
        }
    }

    /** A keyword argument left at its default: null or false. */
    private static boolean isUnset(JsonValue v) {
        return v.isNull() || Boolean.FALSE.equals(v.value());
    }

    /** {@code input_layers}/{@code output_layers}: a list of {@code [layer, node, tensor]} or one such triple. */
    private List<KerasTensor> references(JsonValue refs, Map<String, List<List<KerasTensor>>> nodeOutputs) {
        List<JsonValue> items = refs.items();
        if (!items.isEmpty() && items.get(0).value() instanceof String) {
            return List.of(resolve(refs, nodeOutputs, true));
        }
        List<KerasTensor> out = new ArrayList<>();
        items.forEach(r -> out.add(resolve(r, nodeOutputs, true)));
        return out;
    }

    /** The tensor {@code [layer, node, tensor, ...]} names; null (or an error when {@code required}) if absent. */
    private static KerasTensor resolve(JsonValue ref, Map<String, List<List<KerasTensor>>> nodeOutputs,
            boolean required) {
        List<JsonValue> r = ref.items();
        if (r.size() < 3) {
            throw ref.error("expected a tensor reference [layer_name, node_index, tensor_index]");
        }
        String layer = r.get(0).string();
        int node = r.get(1).integer(0);
        int tensor = r.get(2).integer(0);
        List<List<KerasTensor>> nodes = nodeOutputs.get(layer);
        if (nodes == null) {
            throw r.get(0).error("no layer named '" + layer + "' in the model");
        }
        if (node >= nodes.size()) {
            if (required) {
                throw r.get(1).error("layer '" + layer + "' has " + nodes.size() + " inbound nodes, not node " + node);
            }
            return null;
        }
        List<KerasTensor> outs = nodes.get(node);
        if (tensor >= outs.size()) {
            throw r.get(2).error("node " + node + " of layer '" + layer + "' has " + outs.size()
                    + " outputs, not output " + tensor);
        }
        return outs.get(tensor);
    }

    /** A layer call to replay; {@code after} is a custom activation's layer applied to its output (or null). */
    private record PendingNode(String layerName, Layer layer, Layer after, JsonValue node, int order) {
    }

    /** A layer entry's name: Keras 2 puts it beside {@code class_name}, Keras 3 in {@code config} too. */
    static String name(JsonValue entry) {
        return entry.get("name").isNull() ? entry.get("config").get("name").string() : entry.get("name").string();
    }
}
