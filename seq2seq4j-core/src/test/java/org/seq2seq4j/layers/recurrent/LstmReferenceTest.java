package org.seq2seq4j.layers.recurrent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/** The double-precision reference behind the gradient checks reproduces every LSTM golden. */
class LstmReferenceTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    /** The LSTM layer cases with the activations the reference computes (tanh, sigmoid); LayerGoldenTest runs all. */
    static Stream<Golden> cases() {
        return Goldens.ofKind(GoldenKind.LAYER).filter(g -> g.className().equals("LSTM")
                && g.layerConfig().getString("activation", "tanh").equals("tanh")
                && g.layerConfig().getString("recurrent_activation", "sigmoid").equals("sigmoid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void referenceMatchesKeras(Golden g) {
        LayerConfig c = g.layerConfig();
        Tensor x = g.hasInput("sequence") ? g.input("sequence") : g.input("x");
        List<Tensor> w = g.weights();
        int units = w.get(1).shape().dim(0);
        LstmReference ref = new LstmReference(x.shape().dim(0), x.shape().dim(1), x.shape().dim(2), units,
                c.getBool("", "go_backwards", false), c.getBool("", "return_sequences", false),
                c.getBool("", "zero_output_for_mask", false));
        Tensor mask = g.input("mask");
        double[][] out = ref.run(d(x), d(w.get(0)), d(w.get(1)), w.size() > 2 ? d(w.get(2)) : null,
                d(g.input("initial_state_0")), d(g.input("initial_state_1")), mask == null ? null : mask.data());
        List<String> names = g.outputNames();
        for (int k = 0; k < names.size(); k++) {
            float[] f = new float[out[k].length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) out[k][i];
            }
            assertAllClose(g.output(names.get(k)).data(), f, g.tolerance(), g.name() + " " + names.get(k));
        }
    }

    private static double[] d(Tensor t) {
        if (t == null) {
            return null;
        }
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.data()[i];
        }
        return v;
    }
}
