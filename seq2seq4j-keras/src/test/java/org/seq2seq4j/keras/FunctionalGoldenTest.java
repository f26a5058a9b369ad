package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenAssert;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;
import org.seq2seq4j.testing.TrainingChecks;

/**
 * Every case with a functional model config ({@code Functional}, or Keras 2 / TF.js {@code Model} with
 * inbound nodes), built from its JSON text by {@link KerasJson#model} and given the case's weights.
 * Forward cases ({@link GoldenKind#FUNCTIONAL}): the model's outputs, in {@code output_layers} order,
 * must be the case's outputs, its inputs being the case's in {@code input_layers} order; for a
 * seq2seq model (a recurrent decoder whose initial states come from an encoder), the encoder and
 * one-step decoder models built from the loaded layers ({@link Seq2SeqInference}) must reproduce the
 * training model's outputs step by step on the teacher-forced input, to 1e-5. Training cases
 * ({@link GoldenKind#FUNCTIONAL_TRAINING}) run {@link TrainingChecks}.
 */
class FunctionalGoldenTest {
    private static final double STEP_TOLERANCE = 1e-5;

    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> forwardCases() {
        return Goldens.ofKind(GoldenKind.FUNCTIONAL);
    }

    static Stream<Golden> trainingCases() {
        return Goldens.ofKind(GoldenKind.FUNCTIONAL_TRAINING);
    }

    private static Functional model(Golden g) {
        Model m = KerasJson.model(g.kerasConfig().toString(), g.name());
        return assertInstanceOf(Functional.class, m, g.name() + ": a functional config must load as a Functional");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardCases")
    void forwardMatchesKeras(Golden g) {
        Functional m = model(g);
        m.setWeights(g.weights());
        List<Tensor> in = g.modelInputs();
        Model.Forward f = m.forward(CallContext.inference(), in.toArray(Tensor[]::new));
        GoldenAssert.assertOutputs(g, g.outputNames(), List.of(f.outputs()), () -> f.masks()[0]);
        GoldenAssert.assertParamCount(g, m);
        Seq2SeqInference.of(m, g.name()).ifPresent(s -> s.assertStepsGive(f.outputs(), in, STEP_TOLERANCE, g.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainingCases")
    void trainsAsKeras(Golden g) {
        TrainingChecks.assertTrainsAsKeras(g, () -> model(g));
    }

    /** The seq2seq fixture is recognised as one (so its inference models are stepped); a single LSTM is not. */
    @Test
    void seq2seqModelsAreRecognised() {
        Golden s2s = fixture("functional_lstm_seq2seq");
        assertTrue(Seq2SeqInference.of(model(s2s), s2s.name()).isPresent(), s2s.name());
        Golden plain = fixture("functional_lstm_initial_state");
        assertTrue(Seq2SeqInference.of(model(plain), plain.name()).isEmpty(), plain.name());
    }

    private static Golden fixture(String name) {
        return Goldens.fixtures().stream().filter(g -> g.name().equals("fixtures/" + name)).findFirst().orElseThrow();
    }
}
