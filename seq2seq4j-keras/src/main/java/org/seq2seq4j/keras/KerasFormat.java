package org.seq2seq4j.keras;

import java.util.Locale;

/**
 * Which Keras wrote a model file, because the same JSON means different things: in Keras 2 and
 * TF.js files {@code "hard_sigmoid"} is {@code clip(0.2x + 0.5, 0, 1)} and a GRU without
 * {@code reset_after} has {@code reset_after=False}; in Keras 3 files {@code "hard_sigmoid"} is
 * {@code relu6(x + 3) / 6}. The importer applies these differences; core layers always read
 * Keras 3 semantics.
 *
 * <pre>{@code
 * KerasFormat f = TfjsModel.read(Path.of("model.json")).format();   // TFJS
 * boolean old = f.keras2Semantics();                                 // true
 * }</pre>
 */
public enum KerasFormat {
    /** Keras 3 ({@code keras_version} 3.x, or {@code module}/{@code registered_name} entries). */
    KERAS_3("Keras 3"),
    /** Keras 1/2 and tf.keras 2 ({@code keras_version} 1.x/2.x, first layer with {@code batch_input_shape}). */
    KERAS_2("Keras 2"),
    /** TensorFlow.js layers ({@code keras_version} "tfjs-layers ...", {@code generatedBy} "TensorFlow.js ..."). */
    TFJS("TF.js");

    private final String label;

    KerasFormat(String label) {
        this.label = label;
    }

    /** True when {@code hard_sigmoid} is Keras 2's {@code clip(0.2x + 0.5, 0, 1)} and GRU defaults to {@code reset_after=False}. */
    public boolean keras2Semantics() {
        return this != KERAS_3;
    }

    /** A name for messages, e.g. {@code "TF.js"}. */
    public String label() {
        return label;
    }

    /**
     * The format named by a model entry's {@code keras_version} and {@code backend} or a TF.js
     * file's {@code generatedBy} (any may be null), or null when none of them says.
     */
    static KerasFormat fromVersion(String kerasVersion, String backend, String generatedBy) {
        String v = kerasVersion == null ? "" : kerasVersion.trim().toLowerCase(Locale.ROOT);
        String g = generatedBy == null ? "" : generatedBy.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("tfjs") || g.startsWith("tensorflow.js") || "tensor_flow.js".equals(backend)) {
            return TFJS;
        }
        String version = v.isEmpty() && g.startsWith("keras v") ? g.substring("keras v".length()) : v;
        if (version.startsWith("3.")) {
            return KERAS_3;
        }
        if (version.startsWith("2.") || version.startsWith("1.")) {
            return KERAS_2;
        }
        return null;
    }
}
