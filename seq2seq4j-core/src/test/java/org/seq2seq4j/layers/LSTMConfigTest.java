package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** LSTM arguments, config round trip, weights, shapes and error reports. */
class LSTMConfigTest {
    private static final List<String> KERAS_KEYS = List.of("units", "activation", "recurrent_activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias", "dropout",
            "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
            "zero_output_for_mask", "name", "trainable");

    @Test
    void configRoundTrips() {
        LSTM a = new LSTM(7).activation(ActivationFunction.RELU).recurrentActivation(ActivationFunction.HARD_SIGMOID).useBias(false)
                .kernelInitializer(Initializers.randomUniform(-0.1, 0.2)).recurrentInitializer(Initializers.orthogonal(2.0))
                .biasInitializer(Initializers.constant(0.5)).unitForgetBias(false).dropout(0.25).recurrentDropout(0.5)
                .returnSequences(true).returnState(true).goBackwards(true).unroll(true).zeroOutputForMask(true);
        a.name("encoder");
        LayerConfig c = a.getConfig();
        assertTrue(c.keys().containsAll(KERAS_KEYS), "keys " + c.keys());
        assertEquals("relu", c.get("activation"));
        assertEquals("hard_sigmoid", c.get("recurrent_activation"));
        assertEquals(new LayerConfig().put("module", "keras.initializers").put("class_name", "Orthogonal")
                .put("config", new LayerConfig().put("gain", 2.0)).put("registered_name", null), c.get("recurrent_initializer"));
        assertEquals(0.25, c.get("dropout"));
        LSTM b = LSTM.fromConfig(c);
        assertEquals(c, b.getConfig());
        assertEquals("encoder", b.name());
    }

    @Test
    void defaultsAreKeras3() {
        LayerConfig c = new LSTM(3).getConfig();
        assertEquals("tanh", c.get("activation"));
        assertEquals("sigmoid", c.get("recurrent_activation"));
        assertEquals("GlorotUniform", c.getConfig("kernel_initializer").get("class_name"));
        assertEquals("Orthogonal", c.getConfig("recurrent_initializer").get("class_name"));
        assertEquals("Zeros", c.getConfig("bias_initializer").get("class_name"));
        assertEquals(true, c.get("unit_forget_bias"));
        assertEquals(true, c.get("use_bias"));
        assertEquals(false, c.get("return_sequences"));
    }

    @Test
    void readsAKeras2Config() {
        LayerConfig k2 = new LayerConfig().put("name", "lstm_9").put("trainable", true)
                .put("batch_input_shape", java.util.Arrays.asList(null, 4, 3)).put("dtype", "float32").put("units", 4)
                .put("activation", "tanh").put("recurrent_activation", "sigmoid").put("use_bias", true)
                .put("kernel_initializer", new LayerConfig().put("class_name", "VarianceScaling").put("config",
                        new LayerConfig().put("scale", 1).put("mode", "fan_avg").put("distribution", "normal").put("seed", null)))
                .put("recurrent_initializer", "orthogonal").put("unit_forget_bias", null).put("kernel_regularizer", null)
                .put("bias_constraint", null).put("implementation", null).put("dropout", 0).put("recurrent_dropout", 0)
                .put("return_sequences", true).put("return_state", false).put("go_backwards", false).put("stateful", false)
                .put("unroll", false);
        LSTM l = LSTM.fromConfig(k2);
        assertEquals("lstm_9", l.name());
        assertEquals(Shape.of(Shape.UNKNOWN, 4, 3), l.batchInputShape());
        assertTrue(l.returnSequences());
        assertEquals(true, l.getConfig().get("unit_forget_bias"));
        assertEquals("VarianceScaling", l.getConfig().getConfig("kernel_initializer").get("class_name"));
    }

    @Test
    void rejectsUnknownKeysAndUnsupportedFeatures() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LSTM.fromConfig(new LayerConfig().put("units", 2).put("time_steps", 5).put("foo", 1)));
        assertEquals("LSTM", e.subject());
        assertEquals("unknown keys [foo, time_steps]", e.received());
        ConfigException r = assertThrows(ConfigException.class, () -> LSTM.fromConfig(new LayerConfig().put("units", 2)
                .put("kernel_regularizer", new LayerConfig().put("class_name", "L2"))));
        assertEquals("kernel_regularizer", r.argument());
        assertEquals("units", assertThrows(ConfigException.class,
                () -> LSTM.fromConfig(new LayerConfig().put("units", 2.5))).argument());
    }

    @Test
    void countsParametersAndNamesWeightsAsKeras3() {
        LSTM l = new LSTM(5);
        l.name("enc");
        l.build(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 7));
        assertEquals(4 * (5 * 7 + 5 * 5 + 5), l.countParams());
        assertEquals(List.of("enc/lstm_cell/kernel", "enc/lstm_cell/recurrent_kernel", "enc/lstm_cell/bias"),
                l.weights().stream().map(v -> v.path()).toList());
        assertEquals(List.of(Shape.of(7, 20), Shape.of(5, 20), Shape.of(20)),
                l.weights().stream().map(v -> v.shape()).toList());
        LSTM noBias = new LSTM(5).useBias(false);
        noBias.build(Shape.of(2, 3, 7));
        assertEquals(4 * (5 * 7 + 5 * 5), noBias.countParams());
    }

    @Test
    void unitForgetBiasSetsTheForgetSliceToOnes() {
        LSTM l = new LSTM(2).biasInitializer(Initializers.constant(0.03));
        l.build(Shape.of(1, 1, 1));
        assertArrayEquals(new float[] {0.03f, 0.03f, 1, 1, 0.03f, 0.03f, 0.03f, 0.03f}, l.getWeights().get(2).data());
        LSTM off = new LSTM(2).unitForgetBias(false);
        off.build(Shape.of(1, 1, 1));
        assertArrayEquals(new float[8], off.getWeights().get(2).data());
    }

    @Test
    void outputShapesAndMask() {
        Shape in = Shape.of(Shape.UNKNOWN, 10, 8);
        assertEquals(Shape.of(Shape.UNKNOWN, 4), new LSTM(4).computeOutputShape(in));
        assertEquals(List.of(Shape.of(Shape.UNKNOWN, 10, 4), Shape.of(Shape.UNKNOWN, 4), Shape.of(Shape.UNKNOWN, 4)),
                new LSTM(4).returnSequences(true).returnState(true).computeOutputShapes(in));
        Tensor mask = Tensor.of(new float[] {1, 0}, 1, 2);
        assertSame(mask, new LSTM(4).returnSequences(true).computeMask(null, mask));
        assertNull(new LSTM(4).computeMask(null, mask));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("units", assertThrows(ConfigException.class, () -> new LSTM(0)).argument());
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            ConfigException e = assertThrows(ConfigException.class, () -> new LSTM(2).dropout(bad));
            assertEquals("dropout", e.argument());
            assertEquals(String.valueOf(bad), e.received());
        }
        assertEquals("recurrent_dropout", assertThrows(ConfigException.class, () -> new LSTM(2).recurrentDropout(1.5)).argument());
        assertEquals("activation", assertThrows(ConfigException.class, () -> new LSTM(2).activation(ActivationFunction.SOFTMAX)).argument());
        LSTM built = new LSTM(2);
        built.build(Shape.of(1, 2, 3));
        assertThrows(Seq2SeqException.class, () -> built.returnSequences(true));
        assertThrows(Seq2SeqException.class, () -> new LSTM(2).stepper(1));
    }

    @Test
    void rejectsInputsOfTheWrongRank() {
        LSTM l = new LSTM(3);
        l.name("encoder");
        ShapeException e = assertThrows(ShapeException.class, () -> l.apply(Tensor.zeros(32, 16)));
        assertEquals("LSTM 'encoder'", e.subject());
        assertEquals("input of rank 3 (batch, timesteps, features)", e.expected());
        assertEquals(Shape.of(32, 16), e.received());
    }

    @Test
    void rejectsAChangedFeatureAxisAfterBuild() {
        LSTM l = new LSTM(3);
        l.apply(Tensor.zeros(2, 4, 5));
        ShapeException e = assertThrows(ShapeException.class, () -> l.apply(Tensor.zeros(2, 4, 6)));
        assertEquals(l.describe(), e.subject());
        assertTrue(e.expected().contains("5 features"), e.expected());
        assertEquals(Shape.of(2, 4, 6), e.received());
    }

    @Test
    void rejectsWrongInitialStates() {
        LSTM l = new LSTM(3);
        Tensor x = Tensor.zeros(2, 4, 5);
        CallContext ctx = CallContext.inference();
        ShapeException count = assertThrows(ShapeException.class, () -> l.call(ctx, x, Tensor.zeros(2, 3)));
        assertEquals(l.describe(), count.subject());
        assertEquals("initial_state [h, c]: 2 tensors of shape (2, 3)", count.expected());
        assertEquals(Shape.of(2, 3), count.received());
        ShapeException shape = assertThrows(ShapeException.class,
                () -> l.call(ctx, x, Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertEquals(l.describe() + " initial_state[1]", shape.subject());
        assertEquals("shape (2, 3) (batch, units)", shape.expected());
        assertEquals(Shape.of(2, 4), shape.received());
        ShapeException mask = assertThrows(ShapeException.class,
                () -> l.call(ctx.withMask(Tensor.zeros(2, 5)), x));
        assertEquals(Shape.of(2, 5), mask.received());
    }
}
