package org.seq2seq4j.keras;

import java.util.Locale;
import java.util.Map;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.CustomObjects;

/**
 * Rewrites one layer config of a Keras 2 or TF.js file so that core layers, which read Keras 3
 * semantics, compute what the file meant:
 * <ul>
 * <li>{@code "hard_sigmoid"} under any {@code *activation} key becomes the typed value
 * {@link Activation#HARD_SIGMOID_KERAS2} ({@code clip(0.2x + 0.5, 0, 1)});</li>
 * <li>a {@code GRU}/{@code GRUCell} without {@code reset_after} gets {@code reset_after=false}
 * (the Keras 2 and TF.js default; Keras 3's is true).</li>
 * </ul>
 * Core's {@link org.seq2seq4j.layers.LayerConfig#activation} passes the typed value through.
 *
 * <pre>{@code
 * KerasDialect.apply(layerEntry, KerasFormat.TFJS);  // {"recurrent_activation": "hard_sigmoid"} -> HARD_SIGMOID_KERAS2
 * }</pre>
 */
final class KerasDialect {
    private KerasDialect() {
    }

    /** Applies the Keras 2 / TF.js meaning to the config of {@code entry} ({@code {class_name, config}}). */
    static void apply(JsonValue entry, KerasFormat format) {
        JsonValue config = entry.get("config");
        if (!format.keras2Semantics() || !config.isObject()) {
            return;
        }
        Map<String, Object> c = config.object();
        for (Map.Entry<String, Object> e : c.entrySet()) {
            if (isActivationKey(e.getKey()) && e.getValue() instanceof String s
                    && s.toLowerCase(Locale.ROOT).equals("hard_sigmoid")) {
                e.setValue(ActivationFunction.HARD_SIGMOID_KERAS2);
            }
        }
        String cls = entry.get("class_name").stringOr("");
        if ((cls.equals("GRU") || cls.equals("GRUCell")) && !c.containsKey("reset_after")) {
            c.put("reset_after", Boolean.FALSE);
        }
    }

    /**
     * For a top-level {@code Dense} whose {@code activation} names a custom activation of the active
     * {@link CustomObjects}: sets its activation to linear and returns the custom name, so the
     * importer can put the custom activation's layer after it (what Keras computes); else null.
     */
    static String takeCustomActivation(JsonValue entry) {
        JsonValue config = entry.get("config");
        if (!"Dense".equals(entry.get("class_name").stringOr(null)) || !config.isObject()) {
            return null;
        }
        String name = config.get("activation").stringOr(null);
        if (name == null || CustomObjects.activeActivation(name) == null) {
            return null;
        }
        config.object().put("activation", "linear");
        return name;
    }

    private static boolean isActivationKey(String key) {
        return key.equals("activation") || key.endsWith("_activation");
    }
}
