package org.seq2seq4j.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;

/**
 * A Keras layer config: the {@code config} object Keras writes for a layer, with Keras's
 * snake_case keys ({@code units}, {@code return_sequences}, {@code kernel_initializer}). Values
 * are JSON-like: {@code Integer}/{@code Long}/{@code Double}, {@code Boolean}, {@code String},
 * {@code List}, nested {@code LayerConfig} (or {@code Map}) and {@code null}; importers may also
 * store a typed {@link Activation} (Keras 2's hard sigmoid) through {@link #of}. Layers turn it into
 * typed options in {@code fromConfig}; nothing past that boundary reads strings.
 *
 * <pre>{@code
 * LayerConfig c = new LayerConfig().put("units", 4).put("activation", "relu");
 * // c.requireInt("Dense", "units") -> 4; c.activation("activation", ActivationFunction.LINEAR) -> RELU
 * }</pre>
 */
public final class LayerConfig {
    /** The registered name of {@link #keras2HardSigmoid()}. */
    public static final String KERAS2_HARD_SIGMOID = "seq2seq4j>hard_sigmoid_keras2";

    private final Map<String, Object> values = new LinkedHashMap<>();

    public LayerConfig() {
    }

    /** A config holding a copy of {@code map}; nested maps become configs. */
    public static LayerConfig of(Map<String, ?> map) {
        LayerConfig c = new LayerConfig();
        map.forEach((k, v) -> c.values.put(k, wrap(v)));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Object wrap(Object v) {
        if (v instanceof Map<?, ?> m) {
            return of((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(wrap(x)));
            return out;
        }
        return v;
    }

    /**
     * Sets a value; an {@link ActivationFunction} is written as its Keras name and an {@code int[]} as a
     * list. Keras 2's hard sigmoid stays typed: its name means the Keras 3 function, so a config copy
     * (e.g. Bidirectional's backward layer) would otherwise change what the layer computes.
     */
    public LayerConfig put(String key, Object value) {
        Object v = value instanceof ActivationFunction a && a != ActivationFunction.HARD_SIGMOID_KERAS2
                ? a.kerasName() : value;
        if (v instanceof int[] ints) {
            List<Integer> list = new ArrayList<>();
            for (int i : ints) {
                list.add(i);
            }
            v = list;
        }
        values.put(key, wrap(v));
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** The values as a plain map (nested configs stay configs). */
    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public int requireInt(String subject, String key) {
        if (!has(key)) {
            throw ConfigException.argument(subject, key, "present in the config", "missing");
        }
        return intValue(subject, key, values.get(key));
    }

    public int getInt(String subject, String key, int dflt) {
        return has(key) ? intValue(subject, key, values.get(key)) : dflt;
    }

    public double getDouble(String subject, String key, double dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw ConfigException.argument(subject, key, "a number", v);
    }

    public boolean getBool(String subject, String key, boolean dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw ConfigException.argument(subject, key, "true or false", v);
    }

    public String getString(String key, String dflt) {
        Object v = values.get(key);
        return v == null ? dflt : v.toString();
    }

    /** The nested config under {@code key}, or null. */
    public LayerConfig getConfig(String key) {
        Object v = values.get(key);
        return v instanceof LayerConfig c ? c : null;
    }

    /** A list of integers (e.g. a shape, with null kept as -1). */
    public int[] getInts(String subject, String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw ConfigException.argument(subject, key, "a list of integers", v);
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i) == null ? -1 : intValue(subject, key, l.get(i));
        }
        return out;
    }

    /** A required list of integers; missing is a {@link ConfigException} naming the subject and key. */
    public int[] requireInts(String subject, String key) {
        int[] v = getInts(subject, key);
        if (v == null) {
            throw ConfigException.argument(subject, key, "a list of integers", "missing");
        }
        return v;
    }

    /**
     * Keras 2's hard sigmoid {@code clip(0.2x + 0.5, 0, 1)} as a Keras 3 config writes a registered
     * custom function, {@code {"module": null, "class_name": "function", "config":
     * "seq2seq4j>hard_sigmoid_keras2", "registered_name": "seq2seq4j>hard_sigmoid_keras2"}}: Keras 3
     * has no built-in with that meaning (its {@code "hard_sigmoid"} is {@code relu6(x + 3) / 6}), so a
     * file written with it loads in Keras 3 only with that function registered (see the README) and
     * never silently changes what the layer computes. {@link #activation} reads it back as
     * {@link ActivationFunction#HARD_SIGMOID_KERAS2}.
     */
    public static LayerConfig keras2HardSigmoid() {
        return new LayerConfig().put("module", null).put("class_name", "function").put("config", KERAS2_HARD_SIGMOID)
                .put("registered_name", KERAS2_HARD_SIGMOID);
    }

    /** The activation named under {@code key} (Keras 3 meaning), or {@code dflt} when absent. */
    public ActivationFunction activation(String key, ActivationFunction dflt) {
        Object v = values.get(key);
        if (v instanceof ActivationFunction a) {
            return a;   // a typed value set by an importer, e.g. Keras 2's HARD_SIGMOID_KERAS2
        }
        if (v instanceof LayerConfig f) {
            if ("function".equals(f.get("class_name")) && KERAS2_HARD_SIGMOID.equals(f.get("config"))) {
                return ActivationFunction.HARD_SIGMOID_KERAS2;
            }
            throw ConfigException.argument("layer config", key, "a built-in activation name or the registered function '"
                    + KERAS2_HARD_SIGMOID + "'", f);
        }
        if (v instanceof String s && CustomObjects.activeActivation(s) != null) {
            throw ConfigException.argument("layer config", key, "a built-in activation: '" + s + "' is a custom"
                    + " activation (a layer) in the active CustomObjects scope, which only Activation layers (and Dense"
                    + " layers, through the Keras importers) can apply", s);
        }
        return v == null ? dflt : ActivationFunction.fromKerasName(v.toString());
    }

    private static int intValue(String subject, String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw ConfigException.argument(subject, key, "an integer", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerConfig c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
