package org.seq2seq4j.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;

/**
 * A Keras {@code Sequential} model entry ({@code {"class_name": "Sequential", "config": ...}}) read
 * from a file, with its format and every layer entry (nested ones included: {@code layer},
 * {@code backward_layer}, {@code cell}, {@code cells}). Accepts the Keras 3 form (InputLayer with
 * {@code batch_shape}, optional {@code build_config}), the Keras 2 / TF.js form (first layer with
 * {@code batch_input_shape}) and the Keras &lt;= 2.1 form whose {@code config} is the layer list.
 *
 * <pre>{@code
 * SequentialConfig c = SequentialConfig.of(root.get("modelTopology"), "TensorFlow.js tfjs-layers v4.22.0");
 * Sequential model = c.build();   // built when the input shape is declared
 * }</pre>
 */
final class SequentialConfig implements ModelConfig {
    private static final String[] NESTED_LAYER_KEYS = {"layer", "backward_layer", "cell", "cells", "layers"};

    private final JsonValue model;
    private final JsonValue layers;
    private final KerasFormat format;
    private final List<JsonValue> entries = new ArrayList<>();

    private SequentialConfig(JsonValue model, JsonValue layers, KerasFormat format) {
        this.model = model;
        this.layers = layers;
        this.format = format;
        for (JsonValue entry : layers.items()) {
            collect(entry, entries);
        }
    }

    /** Reads a model entry; {@code generatedBy} is a TF.js file's top-level field (or null). */
    static SequentialConfig of(JsonValue model, String generatedBy) {
        String cls = model.get("class_name").string();
        if (cls.equals("Functional") || cls.equals("Model")) {
            throw model.get("class_name").error("a functional model ('" + cls + "') where a Sequential model is"
                    + " expected; KerasJson.model and KerasH5.load read functional models");
        }
        if (!cls.equals("Sequential")) {
            throw model.get("class_name").error("expected a Sequential model but found class '" + cls + "'");
        }
        JsonValue config = model.get("config");
        JsonValue layers = config.isList() ? config : config.get("layers");
        layers.list();
        return new SequentialConfig(model, layers, detectFormat(model, layers, generatedBy));
    }

    /** The format the version fields name, else guessed from the layer entries. */
    static KerasFormat detectFormat(JsonValue model, JsonValue layers, String generatedBy) {
        KerasFormat f = KerasFormat.fromVersion(model.get("keras_version").stringOr(null),
                model.get("backend").stringOr(null), generatedBy);
        return f != null ? f : guessFormat(model, layers);
    }

    /** Without version fields: Keras 3 writes module/registered_name and batch_shape, Keras 2 batch_input_shape. */
    private static KerasFormat guessFormat(JsonValue model, JsonValue layers) {
        if (model.object().containsKey("module") || model.object().containsKey("registered_name")) {
            return KerasFormat.KERAS_3;
        }
        for (JsonValue entry : layers.items()) {
            JsonValue c = entry.isObject() ? entry.get("config") : entry;
            if (c.isObject() && c.object().containsKey("batch_input_shape")) {
                return KerasFormat.KERAS_2;
            }
        }
        return KerasFormat.KERAS_3;
    }

    static void collect(JsonValue entry, List<JsonValue> out) {
        entry.get("class_name").string();
        out.add(entry);
        JsonValue config = entry.get("config");
        if (!config.isObject()) {
            return;
        }
        for (String key : NESTED_LAYER_KEYS) {
            JsonValue nested = config.get(key);
            if (nested.isObject()) {
                collect(nested, out);
            } else if (nested.isList()) {
                nested.items().forEach(n -> collect(n, out));
            }
        }
    }

    @Override
    public KerasFormat format() {
        return format;
    }

    /** Layer classes used by the model that {@link Layers} does not know, in order of appearance. */
    @Override
    public List<String> missingLayerClasses() {
        return missing(entries);
    }

    /** The classes of {@code entries} that {@link Layers} does not know, in order of appearance. */
    static List<String> missing(List<JsonValue> entries) {
        Set<String> missing = new LinkedHashSet<>();
        for (JsonValue e : entries) {
            String cls = e.get("class_name").string();
            if (!ModelConfig.isKnown(cls)) {
                missing.add(cls);
            }
        }
        return new ArrayList<>(missing);
    }

    /** The model with Keras 2 / TF.js semantics applied, built when its input shape is known. */
    @Override
    public Sequential build() {
        List<Object> list = new ArrayList<>();
        for (JsonValue entry : layers.items()) {
            list.add(entry.value());
            String custom = KerasDialect.takeCustomActivation(entry);
            if (custom != null) {
                list.add(Map.of("class_name", "Activation", "config", Map.of("name",
                        entry.get("config").get("name").stringOr("dense") + "_activation", "activation", custom)));
            }
        }
        checkKnownAndApplyDialect(entries, format);
        Map<String, Object> config = new LinkedHashMap<>(model.get("config").isList() ? Map.of()
                : model.get("config").object());
        config.put("layers", list);
        try {
            Sequential s = Sequential.fromConfig(LayerConfig.of(config));
            Shape in = s.declaredInput() != null ? s.declaredInput() : buildConfigShape();
            if (in != null) {
                s.build(in);
            }
            return s;
        } catch (ModelFormatException e) {
            throw e;
        } catch (Seq2SeqException e) {
            throw new ModelFormatException(layers.file(), layers.pointer(), format.label()
                    + " model config does not build: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects classes {@link Layers} does not know (naming the class and how to register one), takes a
     * Keras 3 {@code registered_name} known to {@link Layers} as the class, then applies the file's
     * Keras 2 / TF.js meaning to every entry.
     */
    static void checkKnownAndApplyDialect(List<JsonValue> entries, KerasFormat format) {
        for (JsonValue e : entries) {
            String cls = e.get("class_name").string();
            String registered = e.get("registered_name").stringOr(null);
            if (registered != null && !registered.equals(cls) && ModelConfig.isKnown(registered)) {
                e.object().put("class_name", registered);
                cls = registered;
            }
            if (!ModelConfig.isKnown(cls)) {
                throw e.error(unknownClass(cls));
            }
            KerasDialect.apply(e, format);
        }
    }

    private static String unknownClass(String cls) {
        String how = "register a Java implementation with Layers.register(\"" + cls + "\", config -> ...) or, for"
                + " one import, pass new CustomObjects().layer(\"" + cls + "\", config -> ...)";
        return cls.equals("Lambda")
                ? "a Lambda layer holds Python code, which cannot be imported; write a Java layer that does the same"
                        + " and " + how
                : "unknown layer class '" + cls + "': no layer of that name is built in or registered; " + how;
    }

    /** Keras 3's {@code build_config.input_shape}, used when no layer declares the input. */
    private Shape buildConfigShape() {
        JsonValue buildConfig = model.get("build_config");
        if (!buildConfig.isObject() || !buildConfig.get("input_shape").isList()) {
            return null;
        }
        List<JsonValue> dims = buildConfig.get("input_shape").items();
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i).isNull() ? Shape.UNKNOWN : dims.get(i).integer(0);
        }
        return Shape.of(out);
    }
}
