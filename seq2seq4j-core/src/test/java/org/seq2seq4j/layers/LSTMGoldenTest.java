package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/** Every LSTM golden case (and every Sequential made only of LSTMs) against Keras's values. */
class LSTMGoldenTest {
    private static final List<String> OUTPUT_NAMES = List.of("output", "state_h", "state_c");

    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> lstmCases() {
        return Goldens.where(g -> g.className().equals("LSTM"));
    }

    static Stream<Golden> stackedCases() {
        return Goldens.where(g -> g.className().equals("Sequential") && allLstm(g.config().path("layers")));
    }

    private static boolean allLstm(JsonNode layers) {
        boolean any = false;
        for (JsonNode l : layers) {
            if (!l.path("class_name").asText().equals("LSTM")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    @Test
    void theFolderHasTheExpectedCases() {
        assertEquals(15, lstmCases().count(), "keras_ref_lstm_1..10, lstm_u2_* (4), lstm_initial_state");
        assertEquals(2, stackedCases().count(), "lstm_stack2_last, lstm_stack2_seq");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lstmCases")
    void matchesKeras(Golden g) {
        LSTM lstm = LSTM.fromConfig(g.layerConfig());
        Tensor x = g.hasInput("sequence") ? g.input("sequence") : g.input("x");
        lstm.build(x.shape());
        lstm.setWeights(g.weights());
        List<Tensor> in = new ArrayList<>(List.of(x));
        for (int k = 0; g.hasInput("initial_state_" + k); k++) {
            in.add(g.input("initial_state_" + k));
        }
        CallContext ctx = CallContext.inference().withMask(g.input("mask"));
        Tensor[] out = lstm.call(ctx, in.toArray(new Tensor[0]));
        List<String> names = g.outputNames();
        assertFalse(names.isEmpty(), g.name() + " has no outputs");
        assertEquals(names.size(), out.length, g.name() + ": number of outputs");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(OUTPUT_NAMES.get(i), names.get(i), g.name() + ": output order");
            assertAllClose(g.output(names.get(i)), out[i], g.tolerance(), g.name() + " " + names.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackedCases")
    void stackedLstmsMatchKeras(Golden g) {
        Tensor h = g.input("x");
        List<Tensor> weights = g.weights();
        int w = 0;
        for (JsonNode layer : g.config().path("layers")) {
            LSTM lstm = LSTM.fromConfig(Golden.toLayerConfig(layer.path("config")));
            lstm.build(h.shape());
            int n = lstm.weights().size();
            lstm.setWeights(weights.subList(w, w + n));
            w += n;
            h = lstm.apply(h)[0];
        }
        assertEquals(weights.size(), w, g.name() + ": every weight used");
        assertAllClose(g.output("output"), h, g.tolerance(), g.name());
    }
}
