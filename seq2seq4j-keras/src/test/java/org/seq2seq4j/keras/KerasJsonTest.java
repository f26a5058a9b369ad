package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Keras JSON import: the Keras 3, Keras 2 and Keras &lt;= 2.1 Sequential forms, format detection,
 * the Keras 2 meaning of {@code hard_sigmoid}, and errors with JSON pointers. Models are one
 * Dense(2) with kernel {@code [[1, 2], [3, 4], [5, 6]]} and bias {@code [0.5, -0.5]}, so for
 * {@code x = [[1, 0, 0], [0, 1, 1]]} the pre-activation is exactly {@code [[1.5, 1.5], [8.5, 9.5]]}.
 */
class KerasJsonTest {
    private static final List<Tensor> WEIGHTS = List.of(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2),
            Tensor.of(new float[] {0.5f, -0.5f}, 2));

    /** What Keras 3's model.to_json() writes (module/registered_name entries, DTypePolicy, build_config). */
    private static final String KERAS3 = """
            {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": true,
              "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
              "layers": [
                {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 3],
                  "dtype": "float32", "sparse": false, "name": "input_layer"}, "registered_name": null},
                {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "trainable": true,
                  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
                  "units": 2, "activation": "hard_sigmoid", "use_bias": true,
                  "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                    "config": {"seed": null}, "registered_name": null},
                  "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
                  "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
                 "registered_name": null, "build_config": {"input_shape": [null, 3]}}]},
             "registered_name": null, "build_config": {"input_shape": [null, 3]}}
            """;

    /** What tf.keras 2 writes: keras_version, backend, InputLayer with batch_input_shape. */
    private static final String KERAS2 = """
            {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
               {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3], "dtype": "float32",
                "sparse": false, "ragged": false, "name": "dense_input"}},
               {"class_name": "Dense", "config": {"name": "dense", "trainable": true, "dtype": "float32", "units": 2,
                "activation": "hard_sigmoid", "use_bias": true}}]},
             "keras_version": "2.15.0", "backend": "tensorflow"}
            """;

    private static final Tensor X = Tensor.of(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);

    private static float[] predict(Sequential model) {
        model.setWeights(WEIGHTS);
        return model.predict(X).data();
    }

    @Test
    void keras3HardSigmoidIsRelu6Form() {
        Sequential model = KerasJson.sequential(KERAS3, "keras3.json");
        // clip(x / 6 + 0.5, 0, 1) of [[1.5, 1.5], [8.5, 9.5]]
        assertAllClose(new float[] {0.75f, 0.75f, 1f, 1f}, predict(model), 1e-7, "Keras 3 hard_sigmoid");
    }

    @Test
    void keras2HardSigmoidIsTheKeras2Formula() {
        // clip(0.2x + 0.5, 0, 1) of [[1.5, 1.5], [8.5, 9.5]]
        assertAllClose(new float[] {0.8f, 0.8f, 1f, 1f}, predict(KerasJson.sequential(KERAS2, "keras2.json")),
                1e-7, "Keras 2 hard_sigmoid");
    }

    @Test
    void keras21LayerListForm() {
        String json = """
                {"class_name": "Sequential", "config": [{"class_name": "Dense", "config": {"name": "dense",
                  "units": 2, "activation": "linear", "batch_input_shape": [null, 3]}}],
                 "keras_version": "2.1.6", "backend": "tensorflow"}
                """;
        assertAllClose(new float[] {1.5f, 1.5f, 8.5f, 9.5f}, predict(KerasJson.sequential(json, "old.json")), 0,
                "Keras 2.1 list config");
    }

    @Test
    void keras3BuildConfigGivesTheInputShape() {
        String json = """
                {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 2},
                   "registered_name": null}]},
                 "registered_name": null, "build_config": {"input_shape": [null, 3]}}
                """;
        Sequential model = KerasJson.sequential(json, "built.json");
        assertTrue(model.isBuilt());
        assertEquals(Shape.of(3, 2), model.weights().get(0).shape());
    }

    static Stream<Arguments> formats() {
        String layers = "\"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 1}}]}";
        return Stream.of(
                arguments("{\"class_name\": \"Sequential\", " + layers + ", \"keras_version\": \"3.6.0\"}",
                        KerasFormat.KERAS_3),
                arguments("{\"class_name\": \"Sequential\", " + layers + ", \"keras_version\": \"2.15.0\"}",
                        KerasFormat.KERAS_2),
                arguments("{\"class_name\": \"Sequential\", " + layers + ", \"keras_version\": \"tfjs-layers 4.22.0\"}",
                        KerasFormat.TFJS),
                arguments("{\"class_name\": \"Sequential\", " + layers + ", \"backend\": \"tensor_flow.js\"}",
                        KerasFormat.TFJS),
                arguments("{\"module\": \"keras\", \"class_name\": \"Sequential\", " + layers + "}", KerasFormat.KERAS_3),
                arguments("{\"class_name\": \"Sequential\", " + layers.replace("\"units\": 1",
                        "\"units\": 1, \"batch_input_shape\": [null, 2]") + "}", KerasFormat.KERAS_2),
                arguments("{\"class_name\": \"Sequential\", " + layers + "}", KerasFormat.KERAS_3));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void detectsTheFormat(String json, KerasFormat expected) {
        assertEquals(expected, KerasJson.format(json, "f.json"));
    }

    @Test
    void unknownNestedLayerClassNamesItsPointer() {
        String json = """
                {"class_name": "Sequential", "config": {"layers": [{"class_name": "TimeDistributed",
                  "config": {"layer": {"class_name": "Conv9D", "config": {}}, "batch_input_shape": [null, 2, 3]}}]}}
                """;
        assertEquals(List.of("Conv9D"), KerasJson.missingLayerClasses(json, "td.json"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasJson.sequential(json, "td.json"));
        assertEquals("td.json", e.file());
        assertEquals("/config/layers/0/config/layer", e.location());
        assertTrue(e.getMessage().contains("unknown layer class 'Conv9D'"), e.getMessage());
    }

    @Test
    void sequentialRejectsFunctionalModelsAndPointsToModel() {
        String json = "{\"class_name\": \"Functional\", \"config\": {\"layers\": []}, \"keras_version\": \"2.15.0\"}";
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasJson.sequential(json, "f.json"));
        assertEquals("/class_name", e.location());
        assertTrue(e.getMessage().contains("KerasJson.model"), e.getMessage());
    }

    @Test
    void parseKeepsJsonTypes() {
        LayerConfig c = KerasJson.parse("{\"a\": 1, \"b\": 5000000000, \"c\": 0.5, \"d\": null, "
                + "\"e\": {\"f\": [1, \"x\", null]}}", "t.json");
        assertEquals(1, c.get("a"));
        assertEquals(5000000000L, c.get("b"));
        assertEquals(0.5, c.get("c"));
        assertTrue(c.keys().contains("d"));
        assertNull(c.get("d"));
        assertEquals(java.util.Arrays.asList(1, "x", null), c.getConfig("e").get("f"));
    }

    @Test
    void gruWithoutResetAfterGetsTheKeras2Default() {
        for (KerasFormat f : KerasFormat.values()) {
            JsonValue entry = JsonValue.parse("{\"class_name\": \"GRU\", \"config\": {\"units\": 2}}"
                    .getBytes(StandardCharsets.UTF_8), "gru.json");
            KerasDialect.apply(entry, f);
            assertEquals(f.keras2Semantics() ? Boolean.FALSE : null, entry.get("config").object().get("reset_after"),
                    f.label());
        }
        JsonValue explicit = JsonValue.parse("{\"class_name\": \"GRU\", \"config\": {\"reset_after\": true}}"
                .getBytes(StandardCharsets.UTF_8), "gru.json");
        KerasDialect.apply(explicit, KerasFormat.KERAS_2);
        assertEquals(Boolean.TRUE, explicit.get("config").object().get("reset_after"));
    }
}
