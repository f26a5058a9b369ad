package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizers;
import org.seq2seq4j.tensor.Tensor;

/**
 * The checks of a training case (the goldens README's {@code grads_*} layout), whatever its model
 * config: on a model made by the caller, given the case's weights and compiled with its
 * {@code optimizer} and {@code loss}, the prediction {@code y_pred}, the {@code loss}, the gradient
 * {@code grad/<weight>} of every weight, then the weights after the steps named
 * {@code after_step_k/<weight>} and {@code loss_before_each_step_and_after_step_3}, each step one
 * {@link Model#fit} epoch on the whole batch, and {@link Model#trainOnBatch} as step 1 (cases without
 * sample weights). The model's inputs are the case's inputs but y_true, sample_weight and mask, in
 * order. An output of another name fails, as does a missing one.
 *
 * <pre>{@code
 * TrainingChecks.assertTrainsAsKeras(g, () -> Sequential.fromConfig(g.layerConfig()));
 * }</pre>
 */
public final class TrainingChecks {
    private static final String CURVE = "loss_before_each_step_and_after_step_3";
    private static final int STEPS = 3;
    private static final Pattern OUTPUT = Pattern.compile("y_pred|loss|" + CURVE + "|grad/.+|after_step_[1-3]/.+");

    private TrainingChecks() {
    }

    /** Every check, each on a fresh model from {@code make}; all failures are reported together. */
    public static void assertTrainsAsKeras(Golden g, Supplier<Model> make) {
        for (String name : g.outputNames()) {
            if (!OUTPUT.matcher(name).matches()) {
                fail(g.name() + ": output '" + name + "' is not one of a training case's (y_pred, loss, grad/<weight>,"
                        + " after_step_k/<weight> for k <= " + STEPS + ", " + CURVE + ")");
            }
        }
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> predictionLossAndGradients(g, compiled(g, make)));
        checks.add(() -> stepsThroughFit(g, compiled(g, make)));
        if (!g.hasInput("sample_weight")) {
            checks.add(() -> trainOnBatchIsStepOne(g, compiled(g, make)));
        }
        assertAll(g.name(), checks);
    }

    private static Model compiled(Golden g, Supplier<Model> make) {
        Model m = make.get();
        m.setWeights(g.weights());
        var optimizer = g.json().path("optimizer");
        m.compile(Optimizers.fromConfig(optimizer.path("class_name").asText(),
                Golden.toLayerConfig(optimizer.path("config"))), loss(g));
        return m;
    }

    private static Loss loss(Golden g) {
        return Losses.get(g.json().path("loss").asText());
    }

    /** The case's loss of the model as it is now, with the sample weights and the output mask. */
    private static Tensor lossNow(Golden g, Model m, Model.Forward f) {
        return loss(g).call(g.input("y_true"), f.outputs()[0], g.input("sample_weight"), f.masks()[0]);
    }

    private static Model.Forward forward(Golden g, Model m) {
        return m.forward(CallContext.inference(), g.modelInputs().toArray(Tensor[]::new));
    }

    private static void predictionLossAndGradients(Golden g, Model m) {
        List<Variable> vars = m.weights();
        List<Tensor> values = new ArrayList<>();
        vars.forEach(v -> values.add(v.value()));
        assertListsEveryWeight(g, m, "grad/");
        try (Tape tape = Tape.record()) {
            Model.Forward f = forward(g, m);
            assertAllClose(g.requireOutput("y_pred"), f.outputs()[0], g.tolerance(), g.name() + " y_pred");
            Tensor loss = lossNow(g, m, f);
            assertEquals(g.requireOutput("loss").item(), loss.item(), g.tolerance(), g.name() + " loss");
            Map<Tensor, Tensor> grads = tape.gradient(loss, values);
            for (Variable v : vars) {
                assertAllClose(g.requireOutput("grad/" + v.path()), grads.get(v.value()), g.tolerance(),
                        g.name() + " grad " + v.path());
            }
        }
    }

    private static void stepsThroughFit(Golden g, Model m) {
        List<Tensor> x = g.modelInputs();
        Tensor y = g.input("y_true");
        Tensor w = g.input("sample_weight");
        Tensor curve = g.requireOutput(CURVE);
        assertEquals(STEPS + 1, curve.size(), g.name() + ": " + CURVE + " values");
        for (int step = 1; step <= STEPS; step++) {
            FitOptions o = new FitOptions().batchSize(x.get(0).shape().dim(0)).epochs(1).shuffle(false).verbose(0);
            if (w != null) {
                o.sampleWeight(w);
            }
            double loss = m.fit(x, y, o).get("loss").get(0);
            assertEquals(curve.data()[step - 1], loss, g.tolerance(), g.name() + " loss before step " + step);
            assertWeightsAfter(g, m, step);
        }
        assertEquals(curve.data()[STEPS], lossNow(g, m, forward(g, m)).item(), g.tolerance(),
                g.name() + " loss after step " + STEPS);
    }

    private static void trainOnBatchIsStepOne(Golden g, Model m) {
        float loss = m.trainOnBatch(g.modelInputs(), List.of(g.input("y_true")));
        assertEquals(g.requireOutput(CURVE).data()[0], loss, g.tolerance(), g.name() + " trainOnBatch loss");
        assertWeightsAfter(g, m, 1);
    }

    /**
     * The weights after {@code step} steps: every weight of the model, and no other, for steps 1 and 3
     * (the schema's); step 2 when the case lists it.
     */
    private static void assertWeightsAfter(Golden g, Model m, int step) {
        String prefix = "after_step_" + step + "/";
        if (step == 2 && g.outputNames().stream().noneMatch(n -> n.startsWith(prefix))) {
            return;
        }
        assertListsEveryWeight(g, m, prefix);
        for (Variable v : m.weights()) {
            assertAllClose(g.requireOutput(prefix + v.path()), v.value(), g.tolerance(),
                    g.name() + " after step " + step + " " + v.path());
        }
    }

    /** The case's outputs {@code prefix + <weight path>} name exactly the model's weights. */
    private static void assertListsEveryWeight(Golden g, Model m, String prefix) {
        TreeSet<String> listed = new TreeSet<>();
        g.outputNames().stream().filter(n -> n.startsWith(prefix)).forEach(listed::add);
        TreeSet<String> weights = new TreeSet<>();
        m.weights().forEach(v -> weights.add(prefix + v.path()));
        assertEquals(weights, listed, g.name() + ": outputs " + prefix + "<weight> of the case vs the model's weights");
    }
}
