package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.optimizers.Optimizers;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/**
 * Every {@code grads_*} case: a Sequential model from the case's config and weights, its prediction,
 * loss and the gradient of every weight, then the weights after one and three optimizer steps on
 * the same batch through {@link Model#fit}, all against Keras.
 */
class TrainingGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.where(g -> g.name().startsWith("grads_"));
    }

    private static Sequential model(Golden g) {
        Sequential m = Sequential.fromConfig(g.layerConfig());
        m.build(g.input(inputName(g)).shape());
        m.setWeights(g.weights());
        Loss loss = Losses.get(g.json().path("loss").asText());
        m.compile(Optimizers.fromConfig(g.json().path("optimizer").path("class_name").asText(),
                Golden.toLayerConfig(g.json().path("optimizer").path("config"))), loss);
        return m;
    }

    private static String inputName(Golden g) {
        return g.hasInput("x") ? "x" : "ids";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictionLossAndGradientsMatchKeras(Golden g) {
        Sequential m = model(g);
        Tensor x = g.input(inputName(g));
        Tensor y = g.input("y_true");
        Tensor w = g.input("sample_weight");
        List<Variable> vars = m.weights();
        List<Tensor> values = new ArrayList<>();
        vars.forEach(v -> values.add(v.value()));
        try (Tape tape = Tape.record()) {
            Model.Forward f = m.forward(CallContext.inference(), x);
            assertAllClose(g.output("y_pred"), f.outputs()[0], g.tolerance(), g.name() + " y_pred");
            Tensor loss = m.optimizer() == null ? null : lossOf(g).call(y, f.outputs()[0], w, f.masks()[0]);
            assertNotNull(loss);
            assertEquals(g.output("loss").item(), loss.item(), g.tolerance(), g.name() + " loss");
            Map<Tensor, Tensor> grads = tape.gradient(loss, values);
            for (Variable v : vars) {
                Tensor expected = g.output("grad/" + v.path());
                assertNotNull(expected, g.name() + ": no golden gradient for " + v.path());
                assertAllClose(expected, grads.get(v.value()), g.tolerance(), g.name() + " grad " + v.path());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void optimizerStepsThroughFitMatchKeras(Golden g) {
        Sequential m = model(g);
        Tensor x = g.input(inputName(g));
        Tensor y = g.input("y_true");
        Tensor w = g.input("sample_weight");
        int n = x.shape().dim(0);
        Tensor lossCurve = g.output("loss_before_each_step_and_after_step_3");
        for (int step = 1; step <= 3; step++) {
            FitOptions o = new FitOptions().batchSize(n).epochs(1).shuffle(false).verbose(0);
            if (w != null) {
                o.sampleWeight(w);
            }
            double loss = m.fit(x, y, o).get("loss").get(0);
            assertEquals(lossCurve.data()[step - 1], loss, g.tolerance(), g.name() + " loss before step " + step);
            if (step == 1 || step == 3) {
                for (Variable v : m.weights()) {
                    assertAllClose(g.output("after_step_" + step + "/" + v.path()), v.value(), g.tolerance(),
                            g.name() + " after step " + step + " " + v.path());
                }
            }
        }
        assertEquals(lossCurve.data()[3], m.evaluate(x, y).get("loss"), g.tolerance(), g.name() + " loss after step 3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainOnBatchIsOneKerasStep(Golden g) {
        assumeTrue(!g.hasInput("sample_weight"), "trainOnBatch takes no sample weights");
        Sequential m = model(g);
        float loss = m.trainOnBatch(List.of(g.input(inputName(g))), List.of(g.input("y_true")));
        assertEquals(g.output("loss_before_each_step_and_after_step_3").data()[0], loss, g.tolerance(), g.name());
        for (Variable v : m.weights()) {
            assertAllClose(g.output("after_step_1/" + v.path()), v.value(), g.tolerance(), g.name() + " " + v.path());
        }
    }

    private static Loss lossOf(Golden g) {
        return Losses.get(g.json().path("loss").asText());
    }
}
