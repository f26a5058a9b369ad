package org.seq2seq4j.keras;

import java.util.Locale;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.Activation;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Rewrites one layer config of a Keras 2 or TF.js file so that core layers, which read Keras 3
 * semantics, compute what the file meant:
 * <ul>
 * <li>{@code "hard_sigmoid"} under any {@code *activation} key becomes the typed value
 * {@link Activation#HARD_SIGMOID_KERAS2} ({@code clip(0.2x + 0.5, 0, 1)});</li>
 * <li>a {@code GRU}/{@code GRUCell} without {@code reset_after} gets {@code reset_after=false}
 * (the Keras 2 and TF.js default; Keras 3's is true).</li>
 * </ul>
 * The typed activation needs core's {@link LayerConfig#activation} to return an {@link Activation}
 * value as is; until core does, a Keras 2 {@code hard_sigmoid} is rejected instead of being
 * loaded with the Keras 3 formula.
 *
 * <pre>{@code
 * KerasDialect.apply(layerEntry, KerasFormat.TFJS);  // {"recurrent_activation": "hard_sigmoid"} -> HARD_SIGMOID_KERAS2
 * }</pre>
 */
final class KerasDialect {
    /** True when core's LayerConfig.activation(...) passes a typed Activation value through. */
    static final boolean TYPED_ACTIVATIONS = coreReadsTypedActivations();

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
                if (!TYPED_ACTIVATIONS) {
                    throw config.get(e.getKey()).error("\"hard_sigmoid\" in a " + format.label()
                            + " file means clip(0.2x + 0.5, 0, 1), which this seq2seq4j-core cannot carry in a layer"
                            + " config yet (it would load Keras 3's relu6(x + 3) / 6); re-save the model with"
                            + " \"sigmoid\" or use a newer seq2seq4j");
                }
                e.setValue(Activation.HARD_SIGMOID_KERAS2);
            }
        }
        String cls = entry.get("class_name").stringOr("");
        if ((cls.equals("GRU") || cls.equals("GRUCell")) && !c.containsKey("reset_after")) {
            c.put("reset_after", Boolean.FALSE);
        }
    }

    private static boolean isActivationKey(String key) {
        return key.equals("activation") || key.endsWith("_activation");
    }

    /** Asks core once whether a typed activation survives {@link LayerConfig#activation}. */
    private static boolean coreReadsTypedActivations() {
        LayerConfig probe = LayerConfig.of(Map.of("a", Activation.HARD_SIGMOID_KERAS2));
        try {
            return probe.activation("a", Activation.LINEAR) == Activation.HARD_SIGMOID_KERAS2;
        } catch (ConfigException e) {
            return false; // core maps names only: "HARD_SIGMOID_KERAS2" is not a Keras activation name
        }
    }
}
