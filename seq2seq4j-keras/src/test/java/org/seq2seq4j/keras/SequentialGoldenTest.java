package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/**
 * Every golden case whose config is a Keras {@code Sequential} (TF.js/Keras 2 form with
 * {@code batch_input_shape}, or Keras 3 form with an InputLayer {@code batch_shape}) is built from
 * its JSON text by {@link KerasJson}, given the case's weights, and run on its first input; the
 * result must match {@code output} (or {@code y_pred} for training cases).
 */
class SequentialGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.where(g -> g.className().equals("Sequential"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Golden g) {
        String json = g.kerasConfig().toString();
        List<String> missing = KerasJson.missingLayerClasses(json, g.name());
        assumeTrue(missing.isEmpty(), "skipped " + g.name() + ": layer classes not registered in"
                + " org.seq2seq4j.layers.Layers yet: " + missing);
        Sequential model = KerasJson.sequential(json, g.name());
        model.setWeights(g.weights());
        Tensor expected = g.output("output") != null ? g.output("output") : g.output("y_pred");
        assertAllClose(expected, model.predict(g.inputs().get(0)), g.tolerance(), g.name());
    }
}
