package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.Bidirectional.MergeMode;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.models.Summary;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/** Bidirectional's config (as Keras 3 writes it), names, shapes, masks and errors. */
class BidirectionalTest {
    private static final Shape IN = Shape.of(Shape.UNKNOWN, 4, 3);

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    @Test
    void theBackwardCopyKeepsKeras2HardSigmoid() {
        LSTM forward = new LSTM(2).recurrentActivation(org.seq2seq4j.kernels.ActivationFunction.HARD_SIGMOID_KERAS2);
        Layer backward = new Bidirectional(forward).backwardLayer();
        // the name "hard_sigmoid" alone would mean Keras 3's relu6(x + 3) / 6 in the copy
        assertSame(org.seq2seq4j.kernels.ActivationFunction.HARD_SIGMOID_KERAS2,
                backward.getConfig().get("recurrent_activation"));
    }

    @Test
    void subLayersAreRenamedCopiesWithKerasFlags() {
        LSTM lstm = new LSTM(3).returnSequences(true);
        Bidirectional bi = new Bidirectional(lstm);
        LSTM f = (LSTM) bi.forwardLayer();
        LSTM b = (LSTM) bi.backwardLayer();
        assertEquals("forward_lstm", f.name());
        assertEquals("backward_lstm", b.name());
        assertFalse(f.goBackwards());
        assertTrue(b.goBackwards());
        assertTrue(f.zeroOutputForMask() && b.zeroOutputForMask(), "Keras 3 forces zero_output_for_mask = return_sequences");
        assertFalse(lstm.zeroOutputForMask(), "the wrapped layer itself is not changed");
        assertEquals(MergeMode.CONCAT, bi.mergeMode());
    }

    @Test
    void zeroOutputForMaskIsForcedOffWithoutSequences() {
        Bidirectional bi = new Bidirectional(new LSTM(2).zeroOutputForMask(true));
        assertFalse(((LSTM) bi.forwardLayer()).zeroOutputForMask());
        assertFalse(((LSTM) bi.backwardLayer()).zeroOutputForMask());
    }

    @Test
    void forwardPrefixIsNotDoubled() {
        Bidirectional bi = new Bidirectional(new LSTM(2).name("forward_enc"), new LSTM(2).goBackwards(true).name("back"));
        assertEquals("forward_enc", bi.forwardLayer().name());
        assertEquals("back", bi.backwardLayer().name());
    }

    @Test
    void weightsAreForwardThenBackwardWithKerasPaths() {
        Bidirectional bi = new Bidirectional(new LSTM(3));
        bi.build(IN);
        List<String> paths = new ArrayList<>();
        bi.weights().forEach(v -> paths.add(v.path()));
        assertEquals(List.of("bidirectional/forward_lstm/lstm_cell/kernel",
                "bidirectional/forward_lstm/lstm_cell/recurrent_kernel", "bidirectional/forward_lstm/lstm_cell/bias",
                "bidirectional/backward_lstm/lstm_cell/kernel", "bidirectional/backward_lstm/lstm_cell/recurrent_kernel",
                "bidirectional/backward_lstm/lstm_cell/bias"), paths);
        assertEquals(2 * 4 * 3 * (3 + 3 + 1), bi.countParams());
    }

    /** Golden cases whose weight names carry the Bidirectional's name: built from the case's config, the paths match. */
    @Test
    void weightPathsAndCountsMatchTheGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
        List<Golden> cases = Goldens.where(g -> g.className().equals("Bidirectional")
                && Layers.isKnown(g.config().path("layer").path("class_name").asText())
                && g.weightNames().get(0).startsWith(g.config().path("name").asText() + "/")).toList();
        assertFalse(cases.isEmpty(), "bidirectional golden cases with Keras 3 weight paths");
        for (Golden g : cases) {
            Layer layer = Layers.fromConfig("Bidirectional", g.layerConfig());
            layer.build(g.inputs().get(0).shape());
            List<String> paths = new ArrayList<>();
            layer.weights().forEach(v -> paths.add(v.path()));
            assertEquals(g.weightNames(), paths, g.name());
            int expectedParams = 0;
            for (Tensor w : g.weights()) {
                expectedParams += w.size();
            }
            assertEquals(expectedParams, layer.countParams(), g.name() + " param count");
        }
    }

    @Test
    void configIsWhatKerasWrites() {
        Bidirectional bi = new Bidirectional(new LSTM(3).returnSequences(true)).mergeMode(MergeMode.AVE);
        LayerConfig c = bi.getConfig();
        assertEquals("bidirectional", c.get("name"));
        assertEquals("ave", c.get("merge_mode"));
        LayerConfig layer = c.getConfig("layer");
        assertEquals("LSTM", layer.get("class_name"));
        assertEquals("forward_lstm", layer.getConfig("config").get("name"));
        assertEquals(true, layer.getConfig("config").get("zero_output_for_mask"));
        LayerConfig backward = c.getConfig("backward_layer");
        assertEquals("backward_lstm", backward.getConfig("config").get("name"));
        assertEquals(true, backward.getConfig("config").get("go_backwards"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void configRoundTrips(MergeMode m) {
        Bidirectional bi = new Bidirectional(new LSTM(3).returnState(true), new LSTM(3).returnState(true)
                .goBackwards(true).activation(org.seq2seq4j.kernels.ActivationFunction.RELU)).mergeMode(m);
        LayerConfig serialized = Layers.serialize(bi);
        Layer again = Layers.deserialize(serialized);
        assertEquals(Bidirectional.class, again.getClass());
        assertEquals(serialized, Layers.serialize(again));
        assertEquals(m, ((Bidirectional) again).mergeMode());
        assertEquals(m == MergeMode.NONE, bi.getConfig().keys().contains("merge_mode") && bi.getConfig().get("merge_mode") == null);
    }

    @Test
    void mergeModeDefaultsToConcatAndNullMeansNone() {
        LayerConfig inner = Layers.serialize(new LSTM(2));
        LayerConfig absent = new LayerConfig().put("layer", inner);
        assertEquals(MergeMode.CONCAT, Bidirectional.fromConfig(absent).mergeMode());
        LayerConfig none = new LayerConfig().put("layer", inner).put("merge_mode", null);
        assertEquals(MergeMode.NONE, Bidirectional.fromConfig(none).mergeMode());
    }

    @Test
    void outputShapesForEveryMode() {
        Shape seq = Shape.of(Shape.UNKNOWN, 4, 3);
        Shape state = Shape.of(Shape.UNKNOWN, 3);
        assertEquals(List.of(Shape.of(Shape.UNKNOWN, 4, 6), state, state, state, state),
                new Bidirectional(new LSTM(3).returnSequences(true).returnState(true)).computeOutputShapes(IN));
        assertEquals(Shape.of(Shape.UNKNOWN, 3),
                new Bidirectional(new LSTM(3)).mergeMode(MergeMode.MUL).computeOutputShape(IN));
        assertEquals(List.of(seq, seq, state, state, state, state), new Bidirectional(new LSTM(3)
                .returnSequences(true).returnState(true)).mergeMode(MergeMode.NONE).computeOutputShapes(IN));
        assertEquals(List.of(state, state), new Bidirectional(new LSTM(3)).mergeMode(MergeMode.NONE).computeOutputShapes(IN));
    }

    @Test
    void maskPassesOnOnlyWithSequences() {
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1}, 1, 4);
        Tensor[] x = {Tensor.zeros(1, 4, 3)};
        assertSame(mask, new Bidirectional(new LSTM(2).returnSequences(true)).computeMask(x, mask));
        assertNull(new Bidirectional(new LSTM(2)).computeMask(x, mask));
    }

    @Test
    void badMergeModeIsAConfigException() {
        LayerConfig c = new LayerConfig().put("layer", Layers.serialize(new LSTM(2))).put("merge_mode", "max");
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.fromConfig("Bidirectional", c));
        assertEquals("Bidirectional", e.subject());
        assertEquals("merge_mode", e.argument());
        assertEquals("\"max\"", e.received());
        assertThrows(ConfigException.class, () -> new Bidirectional(new LSTM(2)).mergeMode(null));
    }

    @Test
    void nonRecurrentLayerIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Bidirectional(new Dense(2)));
        assertEquals("layer", e.argument());
        assertEquals("Dense 'dense'", e.received());
        assertTrue(e.expected().contains("recurrent"), e.expected());
        ConfigException back = assertThrows(ConfigException.class, () -> new Bidirectional(new LSTM(2), new Dense(2)));
        assertEquals("backward_layer", back.argument());
    }

    @Test
    void backwardLayerMustGoTheOtherWay() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Bidirectional(new LSTM(2), new LSTM(2).name("b")));
        assertEquals("backward_layer", e.argument());
        assertEquals("LSTM 'b' with go_backwards=false", e.received());
        assertTrue(e.expected().contains("go_backwards=true"), e.expected());
        assertThrows(ConfigException.class, () -> new Bidirectional(new LSTM(2).goBackwards(true)));
    }

    @Test
    void backwardLayerMustMatchReturnOptions() {
        ConfigException seq = assertThrows(ConfigException.class, () -> new Bidirectional(new LSTM(2),
                new LSTM(2).goBackwards(true).returnSequences(true).name("b")));
        assertEquals("backward_layer return_sequences", seq.argument());
        assertEquals("LSTM 'b' with return_sequences=true", seq.received());
        ConfigException state = assertThrows(ConfigException.class, () -> new Bidirectional(new LSTM(2).returnState(true),
                new LSTM(2).goBackwards(true)));
        assertEquals("backward_layer return_state", state.argument());
    }

    @Test
    void wrongInitialStateCountNamesLayerExpectedAndReceived() {
        Bidirectional bi = new Bidirectional(new LSTM(2));
        Tensor s = Tensor.zeros(1, 2);
        ConfigException e = assertThrows(ConfigException.class,
                () -> bi.apply(Tensor.zeros(1, 4, 3), s, s, s));
        assertEquals("Bidirectional 'bidirectional'", e.subject());
        assertEquals("initial_state", e.argument());
        assertTrue(e.expected().startsWith("4 tensors"), e.expected());
        assertEquals("3 tensors", e.received());
    }

    @Test
    void wrongInputRankIsAShapeException() {
        ShapeException e = assertThrows(ShapeException.class, () -> new Bidirectional(new LSTM(2)).apply(Tensor.zeros(2, 3)));
        assertEquals("Bidirectional 'bidirectional'", e.subject());
        assertEquals(Shape.of(2, 3), e.received());
    }

    @Test
    void badConfigsAreConfigExceptions() {
        ConfigException missing = assertThrows(ConfigException.class, () -> Bidirectional.fromConfig(new LayerConfig()));
        assertEquals("layer", missing.argument());
        ConfigException unknown = assertThrows(ConfigException.class, () -> Bidirectional.fromConfig(
                new LayerConfig().put("layer", Layers.serialize(new LSTM(2))).put("mode", "sum")));
        assertTrue(unknown.received().contains("mode"), unknown.received());
    }

    @Test
    void optionsAreLockedAfterBuild() {
        Bidirectional bi = new Bidirectional(new LSTM(2));
        bi.build(IN);
        assertThrows(Seq2SeqException.class, () -> bi.mergeMode(MergeMode.SUM));
        assertTrue(bi.forwardLayer().isBuilt() && bi.backwardLayer().isBuilt());
    }

    @Test
    void trainsBothDirectionsInsideSequential() {
        Sequential model = new Sequential(new Bidirectional(new LSTM(3)).inputShape(4, 3), new Dense(1));
        model.compile("sgd", "mse");
        Tensor x = Tensor.random(Shape.of(8, 4, 3), 3);
        Tensor y = Tensor.random(Shape.of(8, 1), 4);
        List<Tensor> before = model.getWeights();
        model.fit(x, y, new FitOptions().batchSize(4).epochs(1).verbose(0));
        List<Tensor> after = model.getWeights();
        for (int i = 0; i < 6; i++) {
            assertFalse(Arrays.equals(before.get(i).data(), after.get(i).data()),
                    model.weights().get(i).path() + " was not updated by fit");
        }
        String summary = Summary.render(model);
        assertTrue(summary.contains("bidirectional (Bidirectional)"), summary);
        assertTrue(summary.contains("(None, 6)"), summary);
        assertTrue(summary.contains(" 168 "), summary);   // 2 x 4u(features + u + 1) = 2 x 12 x 7
    }
}
