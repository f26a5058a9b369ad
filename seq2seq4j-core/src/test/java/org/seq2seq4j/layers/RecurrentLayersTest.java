package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.layers.recurrent.RnnDropout;
import org.seq2seq4j.layers.recurrent.SimpleRNNCell;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** GRU, SimpleRNN and RNN(cell): parameters, configs, errors, stateful calls, dropout and steppers. */
class RecurrentLayersTest {

    @Test
    void countsParametersAndNamesWeightsAsKeras() {
        // Keras: 3·(u² + u·features + 2u) with reset_after, 3·(u² + u·features + u) without
        GRU three = new GRU(3);
        three.build(Shape.of(Shape.UNKNOWN, 10, 3));
        assertEquals(72, three.countParams());
        GRU threeBefore = new GRU(3).resetAfter(false);
        threeBefore.build(Shape.of(Shape.UNKNOWN, 10, 3));
        assertEquals(63, threeBefore.countParams());
        GRU after = new GRU(3);
        after.name("gru");
        after.build(Shape.of(Shape.UNKNOWN, 10, 4));
        assertEquals(81, after.countParams());
        assertEquals(List.of("gru/gru_cell/kernel", "gru/gru_cell/recurrent_kernel", "gru/gru_cell/bias"),
                after.weights().stream().map(v -> v.path()).toList());
        assertEquals(List.of(Shape.of(4, 9), Shape.of(3, 9), Shape.of(2, 9)), after.weights().stream().map(v -> v.shape()).toList());
        GRU before = new GRU(3).resetAfter(false);
        before.build(Shape.of(Shape.UNKNOWN, 10, 4));
        assertEquals(72, before.countParams());
        assertEquals(Shape.of(9), before.weights().get(2).shape());
        SimpleRNN s = new SimpleRNN(4);
        s.name("simple_rnn");
        s.build(Shape.of(Shape.UNKNOWN, 10, 3));
        assertEquals(32, s.countParams());
        assertEquals("simple_rnn/simple_rnn_cell/recurrent_kernel", s.weights().get(1).path());
        RNN stacked = new RNN(List.of(new LSTMCell(2), new LSTMCell(3)));
        stacked.build(Shape.of(1, 2, 4));
        assertEquals(4 * (2 * 4 + 2 * 2 + 2) + 4 * (3 * 2 + 3 * 3 + 3), stacked.countParams());
        assertEquals(List.of("lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias", "lstm_cell_1/kernel",
                "lstm_cell_1/recurrent_kernel", "lstm_cell_1/bias"),
                stacked.weights().stream().map(v -> v.path().substring(stacked.name().length() + 1)).toList());
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        List<Layer> layers = List.of(
                new GRU(3).resetAfter(false).recurrentActivation(ActivationFunction.HARD_SIGMOID).dropout(0.1).recurrentDropout(0.2)
                        .returnSequences(true).goBackwards(true).stateful(true).unroll(true).zeroOutputForMask(true),
                new SimpleRNN(5).activation(ActivationFunction.RELU).useBias(false).biasInitializer(Initializers.constant(0.5)),
                new RNN(new GRUCell(2).name("enc_cell")).returnState(true),
                new RNN(List.of(new LSTMCell(4).unitForgetBias(false), new SimpleRNNCell(2))).returnSequences(true));
        for (Layer l : layers) {
            LayerConfig c = Layers.serialize(l);
            assertEquals(c, Layers.serialize(Layers.deserialize(c)), l.describe());
        }
        LayerConfig gru = layers.get(0).getConfig();
        assertEquals(false, gru.get("reset_after"));
        assertEquals(0.2, gru.get("recurrent_dropout"));
        LayerConfig cell = layers.get(2).getConfig().getConfig("cell");
        assertEquals("GRUCell", cell.get("class_name"));
        assertEquals("enc_cell", cell.getConfig("config").get("name"));
        assertEquals(true, cell.getConfig("config").get("reset_after"));
        LayerConfig stack = layers.get(3).getConfig().getConfig("cell");
        assertEquals("StackedRNNCells", stack.get("class_name"));
        assertEquals(2, ((List<?>) stack.getConfig("config").get("cells")).size());
    }

    @Test
    void readsKeras2GruAndRejectsBadConfigs() {
        GRU k2 = GRU.fromConfig(new LayerConfig().put("units", 2).put("reset_after", false).put("implementation", 1)
                .put("kernel_regularizer", null).put("dtype", "float32"));
        k2.build(Shape.of(1, 1, 3));
        assertEquals(Shape.of(6), k2.weights().get(2).shape());
        ConfigException unknown = assertThrows(ConfigException.class, () -> GRU.fromConfig(new LayerConfig().put("units", 2)
                .put("unit_forget_bias", true)));
        assertEquals("GRU", unknown.subject());
        assertEquals("unknown keys [unit_forget_bias]", unknown.received());
        ConfigException cell = assertThrows(ConfigException.class, () -> RNN.fromConfig(new LayerConfig()
                .put("cell", new LayerConfig().put("class_name", "PeepholeLSTMCell").put("config", new LayerConfig().put("units", 2)))));
        assertEquals("cell.class_name", cell.argument());
        assertEquals("cell", assertThrows(ConfigException.class, () -> RNN.fromConfig(new LayerConfig())).argument());
    }

    @Test
    void rnnOverAnLstmCellIsTheLstm() {
        LSTM lstm = new LSTM(4).returnSequences(true).returnState(true);
        RNN rnn = new RNN(new LSTMCell(4)).returnSequences(true).returnState(true);
        Tensor x = Tensor.random(Shape.of(2, 5, 3), 3);
        lstm.build(x.shape());
        rnn.build(x.shape());
        rnn.setWeights(lstm.getWeights());
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 1, 1, 1, 1, 0, 0}, 2, 5);
        Tensor[] a = lstm.call(CallContext.inference().withMask(mask), x);
        Tensor[] b = rnn.call(CallContext.inference().withMask(mask), x);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(a[k].data(), b[k].data(), "output " + k);
        }
    }

    /**
     * Keras 3 passes a layer its input's mask only when the call has one tensor argument: a call
     * given initial states runs as if unmasked (Keras 3.15.1 computes the same, see
     * seq2seq4j-keras's lstm_initial_state_mask); Keras 2's rule, maskWithInitialStates, masks it.
     */
    @Test
    void aCallGivenInitialStatesReadsNoMaskAsInKeras3() {
        Tensor x = Tensor.random(Shape.of(2, 5, 3), 4);
        Tensor h = Tensor.random(Shape.of(2, 4), 5);
        Tensor c = Tensor.random(Shape.of(2, 4), 6);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 1, 1, 1, 1, 0, 0}, 2, 5);
        LSTM keras3 = new LSTM(4).returnSequences(true);
        LSTM keras2 = new LSTM(4).returnSequences(true).maskWithInitialStates(true);
        keras3.build(x.shape());
        keras2.build(x.shape());
        keras2.setWeights(keras3.getWeights());
        CallContext masked = CallContext.inference().withMask(mask);
        Tensor unmasked = keras3.call(CallContext.inference(), x, h, c)[0];
        assertArrayEquals(unmasked.data(), keras3.call(masked, x, h, c)[0].data());
        assertFalse(Arrays.equals(unmasked.data(), keras2.call(masked, x, h, c)[0].data()));
        Tensor y = keras2.call(masked, x, h, c)[0];               // a masked step repeats the previous output
        assertArrayEquals(Arrays.copyOfRange(y.data(), 4, 8), Arrays.copyOfRange(y.data(), 8, 12));
        assertArrayEquals(keras3.call(masked, x)[0].data(), keras2.call(masked, x)[0].data(), "without states both mask");
    }

    @Test
    void rejectsWrongInitialStatesWithTypedErrors() {
        GRU gru = new GRU(3);
        Tensor x = Tensor.zeros(2, 4, 5);
        CallContext ctx = CallContext.inference();
        ShapeException count = assertThrows(ShapeException.class, () -> gru.call(ctx, x, Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
        assertEquals(gru.describe(), count.subject());
        assertEquals("initial_state [h]: 1 tensor of shape (2, 3)", count.expected());
        ShapeException shape = assertThrows(ShapeException.class, () -> gru.call(ctx, x, Tensor.zeros(3, 3)));
        assertEquals(gru.describe() + " initial_state[0]", shape.subject());
        assertEquals(Shape.of(3, 3), shape.received());
        RNN stacked = new RNN(List.of(new LSTMCell(3), new GRUCell(2)));
        ShapeException st = assertThrows(ShapeException.class, () -> stacked.call(ctx, x, Tensor.zeros(2, 3)));
        assertEquals("initial_state [h0, c0, h1]: 3 tensors of shape (2, 3)", st.expected());
        ShapeException second = assertThrows(ShapeException.class,
                () -> stacked.call(ctx, x, Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
        assertEquals(stacked.describe() + " initial_state[2]", second.subject());
        assertEquals("shape (2, 2) (batch, units)", second.expected());
        assertThrows(ConfigException.class, () -> stacked.stepper(1));
    }

    @Test
    void statefulNeedsAFixedBatch() {
        GRU gru = new GRU(2).stateful(true);
        ShapeException e = assertThrows(ShapeException.class, () -> gru.build(Shape.of(Shape.UNKNOWN, 3, 4)));
        assertEquals(gru.describe(), e.subject());
        assertEquals("a fixed batch size with stateful=True", e.expected());
        GRU fixed = new GRU(2).stateful(true);
        fixed.batchInputShape(Shape.of(2, Shape.UNKNOWN, 4));
        fixed.build(Shape.of(Shape.UNKNOWN, 3, 4));
        ShapeException batch = assertThrows(ShapeException.class, () -> fixed.apply(Tensor.zeros(3, 5, 4)));
        assertEquals(Shape.of(3, 5, 4), batch.received());
    }

    @Test
    void statefulCallsOnHalvesEqualOneCallOnTheWhole() {
        List<Supplier<RecurrentLayer<?>>> makers = List.of(() -> new GRU(3).returnSequences(true),
                () -> new SimpleRNN(3).returnSequences(true),
                () -> new RNN(List.of(new LSTMCell(3), new GRUCell(2).resetAfter(false))).returnSequences(true));
        Tensor x = Tensor.random(Shape.of(2, 6, 4), 9);
        for (Supplier<RecurrentLayer<?>> make : makers) {
            RecurrentLayer<?> whole = make.get();
            RecurrentLayer<?> halves = make.get().stateful(true);
            whole.build(x.shape());
            halves.build(x.shape());
            halves.setWeights(whole.getWeights());
            float[] expected = whole.apply(x).data();
            float[] first = halves.apply(slice(x, 0, 3)).data();
            float[] second = halves.apply(slice(x, 3, 6)).data();
            assertAllClose(Tensor.of(expected, 2, 6, whole.units()), concat(first, second, 2, 3, whole.units()), 1e-6,
                    whole.describe() + " stateful halves");
            assertEquals(whole.stateCount(), halves.states().size());
            halves.resetStates();
            for (Tensor s : halves.states()) {
                assertArrayEquals(new float[s.size()], s.data(), "states after resetStates");
            }
            assertArrayEquals(whole.apply(slice(x, 0, 3)).data(), halves.apply(slice(x, 0, 3)).data(),
                    "after resetStates the sequence starts from zeros");
        }
    }

    @Test
    void dropoutActsOnlyInTrainingCallsAndRateZeroChangesNothing() {
        Tensor x = Tensor.random(Shape.of(3, 5, 4), 2);
        GRU plain = new GRU(3).returnSequences(true);
        GRU zero = new GRU(3).returnSequences(true).dropout(0).recurrentDropout(0);
        GRU dropped = new GRU(3).returnSequences(true).dropout(0.5).recurrentDropout(0.5);
        plain.build(x.shape());
        zero.build(x.shape());
        dropped.build(x.shape());
        zero.setWeights(plain.getWeights());
        dropped.setWeights(plain.getWeights());
        float[] expected = plain.apply(x).data();
        assertArrayEquals(expected, zero.call(CallContext.training(new SplittableRandom(1)), x)[0].data());
        assertArrayEquals(expected, dropped.apply(x).data());
        assertFalse(Arrays.equals(expected, dropped.call(CallContext.training(new SplittableRandom(1)), x)[0].data()));
    }

    @Test
    void inputDropoutMaskIsFixedOverTimeAndScaled() {
        // linear SimpleRNN, identity kernel, no recurrence: the output at every step is x ⊙ mask = mask for x = 1
        int n = 400;
        int f = 5;
        double rate = 0.3;
        SimpleRNN rnn = new SimpleRNN(f).activation(ActivationFunction.LINEAR).useBias(false).returnSequences(true).dropout(rate);
        rnn.build(Shape.of(n, 3, f));
        float[] eye = new float[f * f];
        for (int i = 0; i < f; i++) {
            eye[i * f + i] = 1;
        }
        rnn.setWeights(List.of(Tensor.of(eye, f, f), Tensor.zeros(f, f)));
        float[] ones = new float[n * 3 * f];
        Arrays.fill(ones, 1f);
        float[] y = rnn.call(CallContext.training(new SplittableRandom(3)), Tensor.of(ones, n, 3, f))[0].data();
        int zeros = 0;
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < f; j++) {
                float m = y[(b * 3) * f + j];
                assertTrue(m == 0f || Math.abs(m - 1 / (1 - rate)) < 1e-6, "mask value " + m);
                assertEquals(m, y[(b * 3 + 1) * f + j], "same mask at every step");
                assertEquals(m, y[(b * 3 + 2) * f + j], "same mask at every step");
                zeros += m == 0f ? 1 : 0;
            }
        }
        double fraction = zeros / (double) (n * f);
        assertEquals(rate, fraction, 0.05, "fraction of dropped inputs");
    }

    @Test
    void recurrentDropoutMaskIsFixedOverTimeAndDrawnPerGate() {
        // linear SimpleRNN, bias 1, identity recurrence, no input: h1 = 1, h2 = 1 + m, h3 = 1 + m·(1 + m)
        int n = 300;
        int u = 4;
        double rate = 0.25;
        SimpleRNN rnn = new SimpleRNN(u).activation(ActivationFunction.LINEAR).returnSequences(true).recurrentDropout(rate);
        rnn.build(Shape.of(n, 3, 1));
        float[] eye = new float[u * u];
        for (int i = 0; i < u; i++) {
            eye[i * u + i] = 1;
        }
        float[] bias = new float[u];
        Arrays.fill(bias, 1f);
        rnn.setWeights(List.of(Tensor.zeros(1, u), Tensor.of(eye, u, u), Tensor.of(bias, u)));
        float[] y = rnn.call(CallContext.training(new SplittableRandom(5)), Tensor.zeros(n, 3, 1))[0].data();
        int zeros = 0;
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < u; j++) {
                float m = y[(b * 3 + 1) * u + j] - 1;
                assertTrue(Math.abs(m) < 1e-6 || Math.abs(m - 1 / (1 - rate)) < 1e-5, "mask value " + m);
                assertEquals(1 + m * (1 + m), y[(b * 3 + 2) * u + j], 1e-5, "same mask at every step");
                zeros += Math.abs(m) < 1e-6 ? 1 : 0;
            }
        }
        assertEquals(rate, zeros / (double) (n * u), 0.05, "fraction of dropped state units");
        GRUCell cell = new GRUCell(8).dropout(0.5).recurrentDropout(0.5);
        RnnDropout d = cell.drawDropout(new SplittableRandom(1), 4, 6);
        assertEquals(3, d.input().length, "one input mask per gate with recurrent dropout (Keras 3 implementation 1)");
        assertEquals(3, d.recurrent().length);
        assertFalse(Arrays.equals(d.recurrent()[0], d.recurrent()[1]), "gates draw independent masks");
        assertEquals(1, new GRUCell(8).dropout(0.5).drawDropout(new SplittableRandom(1), 4, 6).input().length,
                "one shared input mask without recurrent dropout (Keras 3 implementation 2)");
    }

    @Test
    void steppersGiveTheSequenceCallsNumbers() {
        List<RecurrentLayer<?>> layers = List.of(new GRU(5).returnSequences(true), new GRU(5).resetAfter(false).returnSequences(true),
                new SimpleRNN(5).returnSequences(true), new RNN(new GRUCell(5)).returnSequences(true));
        int b = 3;
        int t = 4;
        int f = 6;
        Tensor x = Tensor.random(Shape.of(b, t, f), 4);
        Tensor h0 = Tensor.random(Shape.of(b, 5), 5);
        for (RecurrentLayer<?> l : layers) {
            float[] seq = l.apply(x, h0).data();
            RecurrentStepper st = l.stepper(b);
            st.setState(0, h0.data(), 0);
            float[] row = new float[b * f];
            for (int s = 0; s < t; s++) {
                for (int r = 0; r < b; r++) {
                    System.arraycopy(x.data(), (r * t + s) * f, row, r * f, f);
                }
                st.step(row, 0);
                for (int r = 0; r < b; r++) {
                    assertArrayEquals(Arrays.copyOfRange(seq, (r * t + s) * 5, (r * t + s + 1) * 5),
                            Arrays.copyOfRange(st.output(), r * 5, r * 5 + 5), l.describe() + " step " + s);
                }
            }
        }
    }

    private static void assertFalse(boolean b, String... what) {
        assertTrue(!b, what.length == 0 ? "expected a difference" : what[0]);
    }

    private static Tensor slice(Tensor x, int from, int to) {
        int b = x.shape().dim(0);
        int t = x.shape().dim(1);
        int f = x.shape().dim(2);
        float[] out = new float[b * (to - from) * f];
        for (int r = 0; r < b; r++) {
            System.arraycopy(x.data(), (r * t + from) * f, out, r * (to - from) * f, (to - from) * f);
        }
        return Tensor.of(out, b, to - from, f);
    }

    private static Tensor concat(float[] first, float[] second, int b, int half, int u) {
        float[] out = new float[b * 2 * half * u];
        for (int r = 0; r < b; r++) {
            System.arraycopy(first, r * half * u, out, r * 2 * half * u, half * u);
            System.arraycopy(second, r * half * u, out, (r * 2 + 1) * half * u, half * u);
        }
        return Tensor.of(out, b, 2 * half, u);
    }
}
