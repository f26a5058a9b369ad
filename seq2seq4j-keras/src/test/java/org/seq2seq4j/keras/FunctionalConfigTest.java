package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.testing.Goldens;

/**
 * Functional model configs: the Keras 2 list form of inbound nodes (initial states as extra inbound
 * tensors, shared layers with several nodes), the Keras 3 {@code args}/{@code kwargs} form (read
 * from a real Keras 3.12 {@code .keras} file when the shared data is present), Keras 2 semantics,
 * and errors with JSON pointers.
 */
class FunctionalConfigTest {
    /** Keras 2.1.5's to_json() of lstm_seq2seq (as in the kashdog s2s.h5), shortened to the keys that matter. */
    static final String KERAS2_S2S = """
            {"class_name": "Model", "keras_version": "2.1.5", "backend": "tensorflow", "config": {"name": "model_1",
              "layers": [
                {"name": "input_1", "class_name": "InputLayer", "config": {"batch_input_shape": [null, null, 22],
                  "dtype": "float32", "sparse": false, "name": "input_1"}, "inbound_nodes": []},
                {"name": "input_2", "class_name": "InputLayer", "config": {"batch_input_shape": [null, null, 16],
                  "dtype": "float32", "sparse": false, "name": "input_2"}, "inbound_nodes": []},
                {"name": "lstm_1", "class_name": "LSTM", "config": {"name": "lstm_1", "units": 32,
                  "return_state": true, "recurrent_activation": "hard_sigmoid", "implementation": 1},
                  "inbound_nodes": [[["input_1", 0, 0, {}]]]},
                {"name": "lstm_2", "class_name": "LSTM", "config": {"name": "lstm_2", "units": 32,
                  "return_sequences": true, "return_state": true, "recurrent_activation": "hard_sigmoid"},
                  "inbound_nodes": [[["input_2", 0, 0, {}], ["lstm_1", 0, 1, {}], ["lstm_1", 0, 2, {}]]]},
                {"name": "dense_1", "class_name": "Dense", "config": {"name": "dense_1", "units": 16,
                  "activation": "softmax"}, "inbound_nodes": [[["lstm_2", 0, 0, {}]]]}],
              "input_layers": [["input_1", 0, 0], ["input_2", 0, 0]],
              "output_layers": [["dense_1", 0, 0]]}}
            """;

    @Test
    void keras2InitialStatesAreExtraInboundTensorsAndHardSigmoidIsKeras2() {
        Functional m = (Functional) KerasJson.model(KERAS2_S2S, "s2s.json");
        assertEquals(KerasFormat.KERAS_2, KerasJson.format(KERAS2_S2S, "s2s.json"));
        assertEquals(2, m.inputCount());
        assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 16), m.outputs().get(0).shape());
        LSTM encoder = (LSTM) layer(m, "lstm_1");
        Node decoderCall = layer(m, "lstm_2").inboundNodes().get(0);
        assertEquals(3, decoderCall.inputs().size());
        assertSame(encoder.inboundNodes().get(0).outputs().get(1), decoderCall.inputs().get(1));
        assertSame(encoder.inboundNodes().get(0).outputs().get(2), decoderCall.inputs().get(2));
        assertEquals(ActivationFunction.HARD_SIGMOID_KERAS2, encoder.cell().recurrentActivation());
    }

    @Test
    void keras2StatesInKwargsAndSharedLayersCalledOncePerNode() {
        String json = """
                {"class_name": "Functional", "keras_version": "2.11.0", "config": {"layers": [
                  {"name": "a", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3], "name": "a"},
                    "inbound_nodes": []},
                  {"name": "enc", "class_name": "LSTM", "config": {"name": "enc", "units": 4, "return_state": true},
                    "inbound_nodes": [[["a", 0, 0, {}]]]},
                  {"name": "dec", "class_name": "LSTM", "config": {"name": "dec", "units": 4},
                    "inbound_nodes": [[["a", 0, 0, {"initial_state": [["enc", 0, 1, {}], ["enc", 0, 2, {}]]}]]]},
                  {"name": "shared", "class_name": "Dense", "config": {"name": "shared", "units": 4},
                    "inbound_nodes": [[["dec", 0, 0, {}]], [["shared", 0, 0, {}]]]}],
                  "input_layers": [["a", 0, 0]], "output_layers": [["shared", 1, 0]]}}
                """;
        Functional m = (Functional) KerasJson.model(json, "shared.json");
        assertEquals(3, layer(m, "dec").inboundNodes().get(0).inputs().size());
        Layer shared = layer(m, "shared");
        assertEquals(2, shared.inboundNodes().size());
        assertSame(shared.inboundNodes().get(1).outputs().get(0), m.outputs().get(0));
        assertEquals(4 * 4 + 4, shared.weights().stream().mapToInt(v -> v.value().size()).sum());
    }

    @Test
    void keras3ArgsKwargsFromARealKerasFile() throws IOException {
        Path file = Goldens.SHARED.resolve("data").resolve("keras3-s2s-rus-studsch/s2s_model.keras");
        assumeTrue(Files.exists(file), "skipped: no shared data at " + file);
        String json;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            json = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
        Functional m = (Functional) KerasJson.model(json, "config.json");
        assertEquals(KerasFormat.KERAS_3, KerasJson.format(json, "config.json"));
        assertEquals(List.of("input_layer_6", "input_layer_7"),
                m.inputs().stream().map(t -> t.node().layer().name()).toList());
        assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 136), m.outputs().get(0).shape());
        List<KerasTensor> decoderInputs = layer(m, "lstm_4").inboundNodes().get(0).inputs();
        assertEquals(3, decoderInputs.size());
        assertSame(layer(m, "lstm_3").inboundNodes().get(0).outputs().get(2), decoderInputs.get(2));
        assertEquals(ActivationFunction.SIGMOID, ((LSTM) layer(m, "lstm_3")).cell().recurrentActivation());
    }

    @Test
    void anUnknownInboundLayerIsNamedWithItsPointer() {
        String json = KERAS2_S2S.replace("[\"lstm_1\", 0, 2, {}]", "[\"lstm_9\", 0, 2, {}]");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasJson.model(json, "s2s.json"));
        assertEquals("s2s.json", e.file());
        assertEquals("/config/layers/3/inbound_nodes/0/2/0", e.location());
        assertTrue(e.getMessage().contains("no layer named 'lstm_9'"), e.getMessage());
    }

    @Test
    void aNodeThatIsNeverMadeIsReported() {
        String json = KERAS2_S2S.replace("[\"lstm_1\", 0, 2, {}]", "[\"lstm_1\", 1, 2, {}]");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasJson.model(json, "s2s.json"));
        assertEquals("/config/layers/3/inbound_nodes/0", e.location());
        assertTrue(e.getMessage().contains("reads tensors that no layer produces"), e.getMessage());
    }

    @Test
    void aWrongCallIsAShapeProblemAtTheNode() {
        String json = KERAS2_S2S.replaceFirst("\"units\": 32", "\"units\": 8");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasJson.model(json, "s2s.json"));
        assertEquals("/config/layers/3/inbound_nodes/0", e.location());
        assertTrue(e.getMessage().contains("layer 'lstm_2' cannot be called"), e.getMessage());
    }

    @Test
    void unsupportedCallArgumentsAreRejected() {
        String json = KERAS2_S2S.replace("[[[\"input_1\", 0, 0, {}]]]", "[[[\"input_1\", 0, 0, {\"constants\": 1}]]]");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasJson.model(json, "s2s.json"));
        assertEquals("/config/layers/2/inbound_nodes/0/0/3/constants", e.location());
    }

    private static Layer layer(Functional m, String name) {
        return m.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
