package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/** Custom Keras classes and activations in imported configs: found through CustomObjects, or named with a hint. */
class CustomObjectsImportTest {
    private static final String SEQ = """
            {"class_name": "Sequential", "keras_version": "2.4.0", "config": {"name": "s", "layers": [
              {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "%s",
                "batch_input_shape": [null, 3, 2]}},
              {"class_name": "%s", "registered_name": "%s", "config": {"name": "x"}}]}}
            """;

    @Test
    void lambdaLayersAreNamedWithHowToRegisterAJavaOne() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasJson.model(SEQ.formatted("linear", "Lambda", "Lambda"), "lambda.json"));
        assertEquals("/config/layers/1", e.location());
        assertTrue(e.getMessage().contains("Python code") && e.getMessage().contains("Layers.register(\"Lambda\""),
                e.getMessage());
    }

    @Test
    void unknownClassesAreNamedWithHowToRegisterOne() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasJson.model(SEQ.formatted("linear", "MyScale", "Custom>MyScale"), "custom.json"));
        assertTrue(e.getMessage().contains("unknown layer class 'MyScale'")
                && e.getMessage().contains("new CustomObjects().layer(\"MyScale\""), e.getMessage());
    }

    @Test
    void aKeras3RegisteredNameFindsTheCustomClass() {
        CustomObjects custom = new CustomObjects().layer("Custom>MyScale", c -> Layer.applyBase(new Softmax(1), c));
        Model m = KerasModels.model(SEQ.formatted("linear", "MyScale", "Custom>MyScale"), "custom.json", custom);
        assertEquals(List.of("d", "x"), m.layers().stream().map(Layer::name).toList());
        assertTrue(m.getLayer("x") instanceof Softmax);
    }

    @Test
    void aCustomActivationOnDenseIsAppliedToItsOutput() {
        CustomObjects custom = new CustomObjects().activation("time_softmax", () -> new Softmax(1));
        Model m = KerasModels.model(SEQ.formatted("time_softmax", "Activation", "Activation")
                .replace("\"config\": {\"name\": \"x\"}", "\"config\": {\"name\": \"x\", \"activation\": \"linear\"}"),
                "custom.json", custom);
        assertEquals(List.of("d", "d_activation", "x"), m.layers().stream().map(Layer::name).toList());
        m.getLayer("d").setWeights(List.of(Tensor.of(new float[] {1, 0, 0, 1}, 2, 2), Tensor.zeros(2)));
        float[] x = {0, 3, 1, 4, 2, 5};                                   // (1, 3, 2): time steps 0,1,2
        Tensor y = m.predict(Tensor.of(x, 1, 3, 2));
        for (int f = 0; f < 2; f++) {                                     // softmax over the 3 steps per feature
            double sum = Math.exp(x[f]) + Math.exp(x[2 + f]) + Math.exp(x[4 + f]);
            for (int t = 0; t < 3; t++) {
                assertEquals(Math.exp(x[2 * t + f]) / sum, y.get(0, t, f), 1e-6);
            }
        }
    }
}
