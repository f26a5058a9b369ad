package org.seq2seq4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every optimizer-rule case ({@link GoldenKind#OPTIMIZER_RULE}: {@code optimizer_rule_*},
 * {@code keras_ref_optimizer_*}): the variables start at the case's weights, each
 * {@code grads_step_k} (concatenated over the variables) is one apply, and the concatenated
 * parameters must match {@code params_after_step_k}.
 */
class OptimizerGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.ofKind(GoldenKind.OPTIMIZER_RULE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Golden g) {
        Optimizer opt = Optimizers.fromConfig(g.className(), g.layerConfig());
        List<Variable> vars = new ArrayList<>();
        List<String> names = g.weightNames();
        List<Tensor> init = g.weights();
        for (int i = 0; i < init.size(); i++) {
            vars.add(new Variable(names.get(i), init.get(i).copy(), true));
        }
        int steps = 0;
        for (int k = 1; g.hasInput("grads_step_" + k); k++) {
            opt.apply(vars, split(g.input("grads_step_" + k), vars));
            Tensor expected = g.output("params_after_step_" + k);
            if (expected == null) {
                fail(g.name() + ": grads_step_" + k + " has no params_after_step_" + k);
            }
            assertClose(expected.data(), concat(vars), g.tolerance(), g.name() + " after step " + k);
            steps = k;
        }
        assertEquals(g.outputs().size(), steps, g.name() + ": every output is a params_after_step_k");
        assertEquals(steps, opt.iterations());
    }

    /** The case tolerance, plus 1e-5 relative for float32 arithmetic as the goldens README allows. */
    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= tol + 1e-5 * Math.abs(expected[i]))) {
                fail(String.format("%s: index %d expected %.9g but got %.9g (diff %.3g, tol %.3g)", what, i, expected[i], actual[i], d, tol));
            }
        }
    }

    static List<Tensor> split(Tensor flat, List<Variable> vars) {
        List<Tensor> out = new ArrayList<>();
        int off = 0;
        for (Variable v : vars) {
            float[] d = new float[v.shape().size()];
            System.arraycopy(flat.data(), off, d, 0, d.length);
            off += d.length;
            out.add(Tensor.of(d, v.shape()));
        }
        assertEquals(flat.size(), off, "gradient length");
        return out;
    }

    static float[] concat(List<Variable> vars) {
        int n = 0;
        for (Variable v : vars) {
            n += v.shape().size();
        }
        float[] out = new float[n];
        int off = 0;
        for (Variable v : vars) {
            System.arraycopy(v.value().data(), 0, out, off, v.shape().size());
            off += v.shape().size();
        }
        return out;
    }
}
