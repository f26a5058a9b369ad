package org.seq2seq4j.layers.usercell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.Cells;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;
import org.seq2seq4j.testing.GradCheck;

/**
 * A user-written cell ({@link MinimalGRUCell}, Keras's GRU in plain loops) run by the library's one
 * time loop through {@code RNN(cell)}: it reproduces Keras's own GRU values (the golden GRU cases,
 * with masks, go_backwards, initial states and return options, loaded through a registered cell
 * class), its gradients match finite differences, and it trains step for step like the fused GRU.
 */
class UserCellTest {
    @BeforeAll
    static void register() {
        Cells.register("MinimalGRUCell", c -> new MinimalGRUCell(c.requireInt("MinimalGRUCell", "units"),
                c.getBool("MinimalGRUCell", "reset_after", true), c.getBool("MinimalGRUCell", "use_bias", true)));
    }

    static Stream<Golden> gruCases() {
        return Goldens.where(g -> g.className().equals("GRU"));
    }

    /** The GRU config of a golden case, as an RNN over the user cell: same RNN arguments, same cell arguments. */
    private static LayerConfig asUserCellRnn(LayerConfig gru) {
        LayerConfig rnn = new LayerConfig();
        for (String k : List.of("name", "return_sequences", "return_state", "go_backwards", "stateful",
                "zero_output_for_mask")) {
            if (gru.has(k)) {
                rnn.put(k, gru.get(k));
            }
        }
        assertEquals("tanh", gru.getString("activation", "tanh"));
        assertEquals("sigmoid", gru.getString("recurrent_activation", "sigmoid"));
        LayerConfig cell = new LayerConfig().put("units", gru.get("units"))
                .put("reset_after", gru.getBool("GRU", "reset_after", true)).put("use_bias", gru.getBool("GRU", "use_bias", true));
        return rnn.put("cell", new LayerConfig().put("class_name", "MinimalGRUCell").put("config", cell));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gruCases")
    void reproducesKerasGruThroughTheOneLoop(Golden g) {
        Layer layer = Layers.fromConfig("RNN", asUserCellRnn(g.layerConfig()));
        List<Tensor> inputs = new ArrayList<>();
        Tensor mask = null;
        for (var in : g.json().path("inputs")) {
            if (in.path("name").asText().equals("mask")) {
                mask = Golden.tensor(in);
            } else {
                inputs.add(Golden.tensor(in));
            }
        }
        layer.build(inputs.get(0).shape());
        layer.setWeights(g.weights());
        Tensor[] out = layer.call(CallContext.inference().withMask(mask), inputs.toArray(new Tensor[0]));
        List<String> names = g.outputNames();
        assertEquals(names.size(), out.length, g.name() + ": outputs");
        for (int k = 0; k < names.size(); k++) {
            assertAllClose(g.output(names.get(k)), out[k], g.tolerance(), g.name() + " " + names.get(k));
        }
    }

    @ParameterizedTest(name = "reset_after={0}")
    @ValueSource(booleans = {true, false})
    void gradientsMatchFiniteDifferences(boolean resetAfter) {
        RNN rnn = new RNN(new MinimalGRUCell(3, resetAfter, true)).returnSequences(true).returnState(true).goBackwards(true);
        rnn.build(Shape.of(2, 4, 2));
        SplittableRandom r = new SplittableRandom(5);
        List<Tensor> w = new ArrayList<>();
        for (var v : rnn.weights()) {
            w.add(random(v.shape(), r, 0.6));
        }
        rnn.setWeights(w);
        Tensor x = random(Shape.of(2, 4, 2), r, 1.0);
        Tensor h0 = random(Shape.of(2, 3), r, 0.8);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 1, 1, 1}, 2, 4);
        // the weights' live values are inputs too: the check perturbs them in place
        Tensor[] in = {x, h0, rnn.weights().get(0).value(), rnn.weights().get(1).value(), rnn.weights().get(2).value()};
        GradCheck.check("MinimalGRUCell reset_after=" + resetAfter,
                t -> rnn.call(CallContext.inference().withMask(mask), t[0], t[1]), in, new int[] {0, 1, 2, 3, 4}, 1e-2, 1e-4);
    }

    @ParameterizedTest(name = "reset_after={0}")
    @ValueSource(booleans = {true, false})
    void trainsStepForStepLikeTheFusedGru(boolean resetAfter) {
        Model user = model(new RNN(new MinimalGRUCell(4, resetAfter, true)));
        Model fused = model(new GRU(4).resetAfter(resetAfter));
        fused.setWeights(user.getWeights());
        SplittableRandom r = new SplittableRandom(3);
        Tensor x = random(Shape.of(8, 5, 3), r, 1.0);
        Tensor y = random(Shape.of(8, 2), r, 1.0);
        for (Model m : List.of(user, fused)) {
            m.compile("adam", "mse");
        }
        for (int step = 0; step < 3; step++) {
            float a = user.trainOnBatch(List.of(x), List.of(y));
            float b = fused.trainOnBatch(List.of(x), List.of(y));
            assertEquals(b, a, 1e-5, "loss before step " + (step + 1));
        }
        for (int i = 0; i < user.getWeights().size(); i++) {
            assertAllClose(fused.getWeights().get(i), user.getWeights().get(i), 1e-5, "weight " + i + " after 3 adam steps");
        }
    }

    @Test
    void stepperGivesTheSequenceValues() {
        RNN rnn = new RNN(new MinimalGRUCell(3, true, true)).returnSequences(true);
        Tensor x = random(Shape.of(2, 4, 5), new SplittableRandom(9), 1.0);
        Tensor seq = rnn.apply(x);
        RecurrentStepper st = rnn.stepper(2);
        float[] row = new float[2 * 5];
        for (int t = 0; t < 4; t++) {
            for (int b = 0; b < 2; b++) {
                System.arraycopy(x.data(), (b * 4 + t) * 5, row, b * 5, 5);
            }
            st.step(row, 0);
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(seq.data()[(b * 4 + t) * 3 + j], st.output()[b * 3 + j], 0f, "t=" + t);
                }
            }
        }
        st.selectRows(new int[] {1, 1}, 0);
        assertEquals(st.state(0)[3], st.state(0)[0], 0f, "row 0 now holds old row 1");
    }

    @Test
    void unknownCellClassNamesRegister() {
        LayerConfig cfg = new LayerConfig().put("cell", new LayerConfig().put("class_name", "NoSuchCell")
                .put("config", new LayerConfig().put("units", 2)));
        ConfigException e = assertThrows(ConfigException.class, () -> RNN.fromConfig(cfg));
        assertTrue(e.getMessage().contains("'NoSuchCell'") && e.getMessage().contains("Cells.register"), e.getMessage());
        assertThrows(ConfigException.class, () -> Cells.register("LSTMCell", c -> new MinimalGRUCell(1, true, true)));
    }

    private static Model model(RecurrentLayer<?> rnn) {
        KerasTensor in = Input.of(5, 3);
        return Model.of(in, new Dense(2).apply(rnn.apply(in)));
    }

    private static Tensor random(Shape shape, SplittableRandom r, double scale) {
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return Tensor.of(v, shape);
    }
}
