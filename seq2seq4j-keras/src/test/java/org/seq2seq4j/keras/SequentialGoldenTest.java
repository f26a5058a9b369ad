package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenAssert;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every golden case whose config is a Keras {@code Sequential} (TF.js/Keras 2 form with
 * {@code batch_input_shape}, or Keras 3 form with an InputLayer {@code batch_shape}), forward and
 * training cases alike, is built from its JSON text by {@link KerasJson}, given the case's weights,
 * and run on its input: the outputs must match the case's ({@code y_pred} for training cases). A layer
 * class the loader does not know fails the case with the loader's message.
 */
class SequentialGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.where(GoldenKind::isSequential);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Golden g) {
        Sequential model = KerasJson.sequential(g.kerasConfig().toString(), g.name());
        model.setWeights(g.weights());
        Model.Forward f = model.forward(CallContext.inference(), g.modelInputs().get(0));
        if (GoldenKind.of(g).orElseThrow() == GoldenKind.TRAINING) {
            assertAllClose(g.requireOutput("y_pred"), f.outputs()[0], g.tolerance(), g.name() + " y_pred");
        } else {
            GoldenAssert.assertOutputs(g, g.outputNames(), List.of(f.outputs()), () -> f.masks()[0]);
        }
    }
}
