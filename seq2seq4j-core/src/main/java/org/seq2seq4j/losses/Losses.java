package org.seq2seq4j.losses;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Losses by Keras name, alias or class name ({@code mse}, {@code mean_squared_error},
 * {@code MeanSquaredError}, {@code mae}, {@code binary_crossentropy},
 * {@code categorical_crossentropy}, {@code sparse_categorical_crossentropy}, ...), matched
 * ignoring case and underscores.
 *
 * <pre>{@code
 * Loss a = Losses.get("sparse_categorical_crossentropy");
 * Loss b = Losses.fromConfig("CategoricalCrossentropy", new LayerConfig().put("from_logits", true));
 * }</pre>
 */
public final class Losses {
    private static final Map<String, Supplier<Loss>> BY_KEY = new LinkedHashMap<>();

    static {
        register(MeanSquaredError::new, "mean_squared_error", "mse");
        register(MeanAbsoluteError::new, "mean_absolute_error", "mae");
        register(BinaryCrossentropy::new, "binary_crossentropy", "bce");
        register(CategoricalCrossentropy::new, "categorical_crossentropy");
        register(SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy");
    }

    /** Keys a Keras loss config may hold; others are rejected. */
    private static final Set<String> KNOWN_KEYS = Set.of("name", "reduction", "from_logits", "label_smoothing", "axis",
            "ignore_class", "dtype", "fn");

    private Losses() {
    }

    private static void register(Supplier<Loss> make, String... names) {
        for (String n : names) {
            BY_KEY.put(key(n), make);
        }
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** True when {@link #get} knows {@code name}. */
    public static boolean has(String name) {
        return BY_KEY.containsKey(key(name));
    }

    /** The loss with Keras defaults for a Keras name, alias or class name. */
    public static Loss get(String name) {
        Supplier<Loss> make = BY_KEY.get(key(name));
        if (make == null) {
            throw ConfigException.argument("Losses", "loss name", "one of mse, mean_squared_error, mae, mean_absolute_error, "
                    + "binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy (or the class names)",
                    "'" + name + "'");
        }
        return make.get();
    }

    /**
     * The loss of Keras class {@code className} (or, for {@code "Loss"} / {@code "LossFunctionWrapper"},
     * of the config's {@code name}) with the config's {@code name}, {@code reduction},
     * {@code from_logits} and {@code label_smoothing}. {@code axis} must be -1 and {@code ignore_class} null.
     */
    public static Loss fromConfig(String className, LayerConfig c) {
        boolean generic = className.equals("Loss") || className.equals("LossFunctionWrapper");
        String name = c.getString("name", null);
        Loss loss = get(generic && name != null ? name : className);
        String s = loss.describe();
        for (String k : c.keys()) {
            if (!KNOWN_KEYS.contains(k)) {
                throw ConfigException.argument(s, "config key '" + k + "'", "one of " + KNOWN_KEYS, "unknown");
            }
        }
        if (name != null) {
            loss.name(name);
        }
        if (c.keys().contains("reduction")) {
            loss.reduction(Reduction.fromKeras((String) c.get("reduction")));
        }
        if (c.getInt(s, "axis", -1) != -1) {
            throw ConfigException.argument(s, "axis", "-1 (the last axis)", c.get("axis"));
        }
        if (c.has("ignore_class")) {
            throw ConfigException.argument(s, "ignore_class", "null (not supported)", c.get("ignore_class"));
        }
        boolean logits = c.getBool(s, "from_logits", false);
        double smoothing = c.getDouble(s, "label_smoothing", 0);
        if (loss instanceof BinaryCrossentropy b) {
            b.fromLogits(logits).labelSmoothing(smoothing);
        } else if (loss instanceof CategoricalCrossentropy cc) {
            cc.fromLogits(logits).labelSmoothing(smoothing);
        } else if (loss instanceof SparseCategoricalCrossentropy sc) {
            sc.fromLogits(logits);
        } else if (logits || smoothing != 0) {
            throw ConfigException.argument(s, logits ? "from_logits" : "label_smoothing", "unset for this loss",
                    logits ? true : smoothing);
        }
        return loss;
    }
}
