package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenAssert;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every Sequential forward case ({@link GoldenKind#SEQUENTIAL}): the model from
 * {@link Sequential#fromConfig}, given the case's weights, must give the case's outputs (and output
 * mask, when the case names one), its {@code param_count} and its weight names.
 */
class SequentialGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.ofKind(GoldenKind.SEQUENTIAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sequentialMatchesKeras(Golden g) {
        Sequential model = Sequential.fromConfig(g.layerConfig());
        Tensor x = g.modelInputs().get(0);
        model.build(x.shape());
        model.setWeights(g.weights());
        Model.Forward f = model.forward(CallContext.inference(), x);
        GoldenAssert.assertOutputs(g, g.outputNames(), List.of(f.outputs()), () -> f.masks()[0]);
        GoldenAssert.assertParamCount(g, model);
        for (int i = 0; i < g.weightNames().size(); i++) {
            assertEquals(g.weightNames().get(i), model.weights().get(i).path(), g.name() + " weight name " + i);
        }
    }
}
