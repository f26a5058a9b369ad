package org.seq2seq4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Names, configs, shape rules and errors, with hand-computed values. */
class LossTest {
    private static Tensor t(float[] v, int... dims) {
        return Tensor.of(v, dims);
    }

    @Test
    void namesAndAliasesResolve() {
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MSE"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mean_squared_error"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MeanSquaredError"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("bce"));
        assertInstanceOf(CategoricalCrossentropy.class, Losses.get("categorical_crossentropy"));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("SparseCategoricalCrossentropy"));
        ConfigException e = assertThrows(ConfigException.class, () -> Losses.get("hinge"));
        assertTrue(e.expected().contains("sparse_categorical_crossentropy"), e.getMessage());
    }

    @Test
    void labelSmoothingMixesTheOneHotTargetWithTheUniformOne() {
        // 3 classes, s = 0.3: target (0, 1, 0) becomes (0.1, 0.8, 0.1); probabilities (0.2, 0.5, 0.3)
        Tensor y = Tensor.of(new float[] {0, 1, 0}, 1, 3);
        Tensor p = Tensor.of(new float[] {0.2f, 0.5f, 0.3f}, 1, 3);
        double expected = -(0.1 * Math.log(0.2) + 0.8 * Math.log(0.5) + 0.1 * Math.log(0.3));
        assertEquals(expected, new CategoricalCrossentropy().labelSmoothing(0.3).call(y, p).item(), 1e-6);
        // logits (0, 0, 0): every log-probability is -log 3, whatever the smoothing
        Tensor zeros = Tensor.of(new float[] {0, 0, 0}, 1, 3);
        assertEquals(Math.log(3), new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.3).call(y, zeros).item(),
                1e-6);
    }

    @Test
    void configRoundTrips() {
        Loss cce = new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1).reduction(Reduction.SUM);
        LayerConfig c = cce.getConfig();
        assertEquals("categorical_crossentropy", c.get("name"));
        assertEquals("sum", c.get("reduction"));
        assertEquals(true, c.get("from_logits"));
        assertEquals(c, Losses.fromConfig("CategoricalCrossentropy", c).getConfig());
        assertEquals(Reduction.NONE, Losses.fromConfig("Loss", new LayerConfig().put("name", "mse").put("reduction", null)).reduction());
        assertThrows(ConfigException.class, () -> Losses.fromConfig("mse", new LayerConfig().put("from_logits", true)));
        assertThrows(ConfigException.class, () -> Losses.fromConfig("mse", new LayerConfig().put("delta", 1.0)));
    }

    @Test
    void shapeMismatchNamesTheLoss() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new MeanSquaredError().call(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertTrue(e.subject().contains("MeanSquaredError"), e.getMessage());
        assertTrue(e.expected().contains("(2, 3)"), e.getMessage());
        assertEquals(Shape.of(2, 4), e.received());
        assertThrows(ShapeException.class, () -> new SparseCategoricalCrossentropy().call(Tensor.zeros(3), Tensor.zeros(2, 4)));
        assertThrows(ShapeException.class,
                () -> new MeanSquaredError().call(Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(3), null));
    }

    @Test
    void rankOneTargetsMeetColumnPredictions() {
        // y_true (2,), y_pred (2, 1): Keras expands y_true; entries (2,): (1-0)^2, (3-1)^2 -> mean 2.5
        Tensor v = new MeanSquaredError().call(t(new float[] {1, 3}, 2), t(new float[] {0, 1}, 2, 1));
        assertEquals(2.5f, v.item(), 1e-6f);
        // sparse ids (2, 1) against (2, 2) probabilities
        Tensor s = new SparseCategoricalCrossentropy().call(t(new float[] {0, 1}, 2, 1), t(new float[] {0.5f, 0.5f, 0.2f, 0.8f}, 2, 2));
        assertEquals((float) ((Math.log(2) - Math.log(0.8)) / 2), s.item(), 1e-6f);
    }

    @Test
    void classIdsAreChecked() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new SparseCategoricalCrossentropy().call(t(new float[] {2}, 1), t(new float[] {0.5f, 0.5f}, 1, 2)));
        assertTrue(e.getMessage().contains("[0, 2)"), e.getMessage());
    }

    @Test
    void maskedMeanIsOverValidEntriesOnly() {
        // per-timestep MSE 1, 4, 9 with the last step masked: (1 + 4) / 2; sum: 5; none: 1, 4, 0
        Tensor yTrue = Tensor.zeros(1, 3, 1);
        Tensor yPred = t(new float[] {1, 2, 3}, 1, 3, 1);
        Tensor mask = t(new float[] {1, 1, 0}, 1, 3);
        assertEquals(2.5f, new MeanSquaredError().call(yTrue, yPred, null, mask).item(), 1e-6f);
        assertEquals(5f, new MeanSquaredError().reduction(Reduction.SUM).call(yTrue, yPred, null, mask).item(), 1e-6f);
        assertEquals(List.of(1f, 4f, 0f), asList(new MeanSquaredError().reduction(Reduction.NONE).call(yTrue, yPred, null, mask)));
        Tensor allMasked = Tensor.zeros(1, 3);
        assertEquals(0f, new MeanSquaredError().call(yTrue, yPred, null, allMasked).item());
    }

    private static List<Float> asList(Tensor x) {
        Float[] out = new Float[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data()[i];
        }
        return List.of(out);
    }

    @Test
    void logitsMatchProbabilities() {
        // softmax(0, ln 3) = (0.25, 0.75): -log 0.75 either way; sigmoid(ln 3) = 0.75 for BCE
        float ln3 = (float) Math.log(3);
        Tensor target = t(new float[] {0, 1}, 1, 2);
        assertEquals((float) -Math.log(0.75), new CategoricalCrossentropy().fromLogits(true).call(target, t(new float[] {0, ln3}, 1, 2)).item(), 1e-6f);
        assertEquals((float) -Math.log(0.75), new CategoricalCrossentropy().call(target, t(new float[] {0.25f, 0.75f}, 1, 2)).item(), 1e-6f);
        assertEquals((float) -Math.log(0.75), new BinaryCrossentropy().fromLogits(true).call(t(new float[] {1}, 1, 1), t(new float[] {ln3}, 1, 1)).item(), 1e-6f);
    }
}
