package org.seq2seq4j.keras;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;

/**
 * Reads Keras model and layer JSON: what {@code model.to_json()} writes in Keras 2 and Keras 3,
 * and the {@code modelTopology} of TF.js files. Objects become {@link LayerConfig}s, arrays
 * {@code List}s, numbers {@code Integer}/{@code Long}/{@code Double}; {@code null} is kept. The
 * file's format ({@link KerasFormat}) is detected from {@code keras_version}/{@code backend}
 * (or, without them, from Keras 3's {@code module} entries versus Keras 2's
 * {@code batch_input_shape}), and Keras 2 semantics are applied before core sees the config.
 * Every problem is a {@link ModelFormatException} with the source and a JSON pointer.
 *
 * <pre>{@code
 * Sequential model = KerasJson.loadSequential(Path.of("model_config.json"));
 * Model s2s = KerasJson.load(Path.of("lstm_seq2seq.json"));   // a Functional for "Functional"/"Model"
 * model.summary();                        // weights are freshly initialised; set them next
 * LayerConfig raw = KerasJson.parse("{\"units\": 4}", "inline");   // raw.requireInt("Dense", "units") -> 4
 * }</pre>
 */
public final class KerasJson {
    private KerasJson() {
    }

    /** A JSON object as a {@link LayerConfig} tree, as written (no format rewrites). */
    public static LayerConfig parse(String json, String source) {
        return LayerConfig.of(parseText(json, source).object());
    }

    /** A JSON object file as a {@link LayerConfig} tree, as written (no format rewrites). */
    public static LayerConfig parse(Path file) {
        return LayerConfig.of(JsonValue.read(file).object());
    }

    /**
     * The model a Keras {@code Sequential} JSON describes, built (weights initialised) when the
     * input shape is declared. Functional models ({@link #model}) and unknown layer classes are rejected.
     */
    public static Sequential sequential(String json, String source) {
        return ImportScope.build(null, source, -1, () -> config(json, source).build());
    }

    /** As {@link #sequential(String, String)} for a file. */
    public static Sequential loadSequential(Path file) {
        return ImportScope.build(null, file.toString(), -1,
                () -> SequentialConfig.of(JsonValue.read(file), null).build());
    }

    /**
     * The model a Keras model JSON describes: a {@link Sequential} (built when its input shape is
     * declared) or, for {@code "Functional"} / Keras 2 {@code "Model"}, a {@link Functional} built
     * from its layers' inbound nodes. Weights are freshly initialised.
     */
    public static Model model(String json, String source) {
        return ImportScope.build(null, source, -1, () -> ModelConfig.of(parseText(json, source), null).build());
    }

    /** As {@link #model(String, String)} for a file. */
    public static Model load(Path file) {
        return ImportScope.build(null, file.toString(), -1, () -> ModelConfig.of(JsonValue.read(file), null).build());
    }

    /** The format of a Keras model JSON. */
    public static KerasFormat format(String json, String source) {
        return ModelConfig.of(parseText(json, source), null).format();
    }

    /** Layer classes a Keras model JSON uses that core does not register yet (empty when all load). */
    public static List<String> missingLayerClasses(String json, String source) {
        return ModelConfig.of(parseText(json, source), null).missingLayerClasses();
    }

    private static SequentialConfig config(String json, String source) {
        return SequentialConfig.of(parseText(json, source), null);
    }

    private static JsonValue parseText(String json, String source) {
        return JsonValue.parse(json.getBytes(StandardCharsets.UTF_8), source);
    }
}
