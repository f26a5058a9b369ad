package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.seq2seq.AttentionDecoder;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The classic custom layer loads by class name from a Keras 2 full-model {@code .h5} laid out as
 * Keras 2 and the original layer's source (datalogue/keras-attention, custom_recurrents.py) write
 * it: config keys {@code output_dim}, {@code units}, {@code return_probabilities} plus Keras 2
 * Recurrent's, weight names {@code AttentionDecoder/V_a:0} ... in the order the original's build adds
 * them. No shared file has the layer, so the file is written here with jHDF from a model of ours;
 * the loaded model must give bit-identical outputs. (jHDF cannot write an empty group, so the
 * weightless InputLayer is left out of {@code layer_names}; Keras 2 lists it with no weights.)
 */
class AttentionDecoderKeras2Test {
    private static final List<String> ORIGINAL_ORDER = List.of("V_a", "W_a", "U_a", "b_a", "C_r", "U_r", "W_r", "b_r",
            "C_z", "U_z", "W_z", "b_z", "C_p", "U_p", "W_p", "b_p", "C_o", "U_o", "W_o", "b_o", "W_s");

    @TempDir
    Path dir;

    @Test
    void loadsFromAKeras2FileByClassName() throws Exception {
        Seq2Seq4j.seed(11);
        KerasTensor in = Input.of(5, 4);
        LSTM lstm = new LSTM(4).returnSequences(true).recurrentActivation(ActivationFunction.HARD_SIGMOID_KERAS2);
        AttentionDecoder decoder = new AttentionDecoder(3, 6);
        Model model = Model.of(in, decoder.apply(lstm.apply(in)));
        List<String> names = new ArrayList<>();
        decoder.weights().forEach(v -> names.add(v.name()));
        assertEquals(ORIGINAL_ORDER, names, "weights in the order the original's build adds them");

        Path file = dir.resolve("attention.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("keras_version", "2.0.8");
            h5.putAttribute("backend", "tensorflow");
            h5.putAttribute("model_config", Json.write(modelConfig()));
            WritableGroup weights = h5.putGroup("model_weights");
            weights.putAttribute("layer_names", new String[] {"lstm_1", "attention_decoder_1"});
            layer(weights, "lstm_1", "lstm_1", lstm);
            layer(weights, "attention_decoder_1", "AttentionDecoder", decoder);
        }
        Model loaded = KerasH5.load(file);
        Layer d = loaded.getLayer("attention_decoder_1");
        assertEquals("AttentionDecoder", d.className());
        assertEquals(6, ((AttentionDecoder) d).outputDim());
        Tensor x = Tensor.random(Shape.of(3, 5, 4), 2);
        assertArrayEquals(model.predict(x).data(), loaded.predict(x).data(), 0f);
    }

    /** A layer group as Keras 2 writes it: {@code weight_names} and the datasets under {@code <scope>/<name>:0}. */
    private static void layer(WritableGroup weights, String layerName, String scope, Layer layer) {
        WritableGroup g = weights.putGroup(layerName);
        List<String> names = new ArrayList<>();
        WritableGroup s = g.putGroup(scope);
        for (Variable v : layer.weights()) {
            names.add(scope + "/" + v.name() + ":0");
            s.putDataset(v.name() + ":0", KerasExport.nested(v.value()));
        }
        g.putAttribute("weight_names", names.toArray(String[]::new));
    }

    /** The Keras 2 functional config of Input -> LSTM -> AttentionDecoder, keys as Keras 2.0 and the original write them. */
    private static LayerConfig modelConfig() {
        LayerConfig input = entry("input_1", "InputLayer", new LayerConfig().put("batch_input_shape",
                java.util.Arrays.asList(null, 5, 4)).put("dtype", "float32").put("sparse", false).put("name", "input_1"), null);
        LayerConfig lstm = entry("lstm_1", "LSTM", new LayerConfig().put("name", "lstm_1").put("trainable", true)
                .put("return_sequences", true).put("return_state", false).put("go_backwards", false).put("stateful", false)
                .put("unroll", false).put("implementation", 1).put("units", 4).put("activation", "tanh")
                .put("recurrent_activation", "hard_sigmoid").put("use_bias", true).put("unit_forget_bias", true)
                .put("dropout", 0.0).put("recurrent_dropout", 0.0), "input_1");
        LayerConfig att = entry("attention_decoder_1", "AttentionDecoder", new LayerConfig()
                .put("name", "attention_decoder_1").put("trainable", true).put("return_sequences", true)
                .put("return_state", false).put("go_backwards", false).put("stateful", false).put("unroll", false)
                .put("implementation", 0).put("output_dim", 6).put("units", 3).put("return_probabilities", false), "lstm_1");
        return new LayerConfig().put("class_name", "Model").put("config", new LayerConfig().put("name", "model_1")
                .put("layers", List.of(input, lstm, att)).put("input_layers", List.of(List.of("input_1", 0, 0)))
                .put("output_layers", List.of(List.of("attention_decoder_1", 0, 0))));
    }

    private static LayerConfig entry(String name, String cls, LayerConfig config, String from) {
        List<Object> nodes = from == null ? List.of() : List.of(List.of(List.of(from, 0, 0, new LayerConfig())));
        return new LayerConfig().put("name", name).put("class_name", cls).put("config", config).put("inbound_nodes", nodes);
    }
}
