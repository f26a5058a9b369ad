package org.seq2seq4j.layers.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Attention and AdditiveAttention: configs, weights, dropout and error reports. */
class AttentionConfigTest {
    private static final Tensor Q = Tensor.random(Shape.of(2, 3, 4), 1);
    private static final Tensor V = Tensor.random(Shape.of(2, 5, 4), 2);

    @Test
    void attentionConfigRoundTrips() {
        Attention a = new Attention().useScale(true).scoreMode(Attention.ScoreMode.CONCAT).dropout(0.25).seed(1337);
        a.name("att");
        LayerConfig c = a.getConfig();
        assertEquals(List.of("name", "trainable", "use_scale", "dropout", "seed", "score_mode"), List.copyOf(c.keys()));
        assertEquals("concat", c.get("score_mode"));
        assertEquals(1337L, c.get("seed"));
        Attention b = Attention.fromConfig(c);
        assertEquals(c, b.getConfig());
        assertEquals("att", b.name());
        assertEquals(c, Layers.deserialize(Layers.serialize(a)).getConfig());
    }

    @Test
    void additiveConfigRoundTrips() {
        AdditiveAttention a = new AdditiveAttention().useScale(false).dropout(0.5);
        LayerConfig c = a.getConfig();
        assertFalse(c.keys().contains("score_mode"), "Keras drops score_mode from AdditiveAttention's config");
        assertEquals(c, AdditiveAttention.fromConfig(c).getConfig());
        assertEquals(c, Layers.fromConfig("AdditiveAttention", c).getConfig());
    }

    /** Configs as Keras 3 writes them, and Keras 2's (with causal, no seed). */
    @Test
    void readsKerasConfigs() {
        LayerConfig k3 = new LayerConfig().put("name", "attention").put("trainable", true).put("dtype", "float32")
                .put("use_scale", false).put("score_mode", "dot").put("dropout", 0.0).put("seed", null);
        Attention a = assertInstanceOf(Attention.class, Layers.fromConfig("Attention", k3));
        assertEquals(Attention.ScoreMode.DOT, a.scoreMode());
        assertFalse(a.useScale());
        LayerConfig k2 = new LayerConfig().put("name", "additive_attention").put("trainable", true)
                .put("dtype", "float32").put("use_scale", true).put("causal", true).put("dropout", 0.1);
        AdditiveAttention b = AdditiveAttention.fromConfig(k2);
        assertTrue(b.useCausalMask());
        assertEquals(0.1, b.dropout());
        assertTrue(AdditiveAttention.fromConfig(new LayerConfig()).useScale(), "Keras default use_scale=True");
    }

    /** AttentionTest.test_attention_invalid_score_mode, and unknown keys. */
    @Test
    void badConfigsAreConfigExceptions() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Attention.fromConfig(new LayerConfig().put("score_mode", "invalid_mode")));
        assertEquals("score_mode", e.argument());
        assertEquals("'invalid_mode'", e.received());
        assertTrue(e.getMessage().contains("one of {'dot', 'concat'}"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> AdditiveAttention.fromConfig(new LayerConfig().put("score_mode", "dot")));
        assertTrue(unknown.received().contains("score_mode"), unknown.getMessage());
        assertThrows(ConfigException.class, () -> new Attention().dropout(1.0));
        assertThrows(ConfigException.class, () -> Attention.fromConfig(new LayerConfig().put("seed", 1.5)));
    }

    /** AttentionTest.test_attention_basics: weight counts; Keras names, shapes and initial values. */
    @Test
    void weights() {
        assertEquals(0, build(new Attention()).weights().size());
        Attention a = build(new Attention().useScale(true).scoreMode(Attention.ScoreMode.CONCAT));
        assertEquals(List.of("attention_test/scale", "attention_test/concat_score_weight"),
                a.weights().stream().map(v -> v.path()).toList());
        assertEquals(Shape.scalar(), a.weights().get(1).shape());
        assertEquals(1f, a.getWeights().get(0).item());
        assertEquals(1f, a.getWeights().get(1).item());
        AdditiveAttention b = build(new AdditiveAttention());
        assertEquals(Shape.of(4), b.weights().get(0).shape());
        assertEquals("scale", b.weights().get(0).name());
        double limit = Math.sqrt(6.0 / (4 + 4));   // glorot_uniform on (4,): fan_in = fan_out = 4
        float[] s = b.getWeights().get(0).data();
        for (float x : s) {
            assertTrue(Math.abs(x) <= limit, "glorot bound " + Arrays.toString(s));
        }
        assertNotEquals(s[0], s[1]);
        assertEquals(0, build(new AdditiveAttention().useScale(false)).countParams());
    }

    /**
     * Dropout in training (AttentionTest.test_attention_with_dropout): each returned weight is 0 or
     * the undropped weight / (1 − rate); the output is those weights times the value; inference
     * ignores dropout; a seed makes it repeatable.
     */
    @Test
    void dropoutOnTheWeights() {
        Attention plain = new Attention().returnAttentionScores(true);
        List<Tensor> ref = plain.applyAll(Q, V);
        Attention drop = new Attention().dropout(0.5).returnAttentionScores(true);
        assertAllClose(ref.get(1), drop.applyAll(Q, V).get(1), 0, "inference has no dropout");
        Tensor[] out = drop.call(CallContext.training(new SplittableRandom(9)), Q, V);
        int dropped = 0;
        for (int i = 0; i < out[1].size(); i++) {
            float w = out[1].data()[i];
            if (w == 0) {
                dropped++;
            } else {
                assertEquals(ref.get(1).data()[i] * 2, w, 1e-6, "kept weight " + i);
            }
        }
        assertTrue(dropped > 0 && dropped < out[1].size(), "dropped " + dropped);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int x = 0; x < 4; x++) {
                    double o = 0;
                    for (int j = 0; j < 5; j++) {
                        o += out[1].get(b, i, j) * V.get(b, j, x);
                    }
                    assertEquals(o, out[0].get(b, i, x), 1e-5, "output (" + b + ", " + i + ", " + x + ")");
                }
            }
        }
        Tensor first = new Attention().dropout(0.5).seed(4).returnAttentionScores(true)
                .call(CallContext.training(new SplittableRandom(1)), Q, V)[1];
        Tensor second = new Attention().dropout(0.5).seed(4).returnAttentionScores(true)
                .call(CallContext.training(new SplittableRandom(2)), Q, V)[1];
        assertAllClose(first, second, 0, "same seed, same dropout");
    }

    @Test
    void wrongInputsNameTheLayer() {
        Attention a = new Attention();
        a.name("att");
        ShapeException one = assertThrows(ShapeException.class, () -> a.apply(Q));
        assertEquals("Attention 'att'", one.subject());
        assertTrue(one.getMessage().contains("[query, value] or [query, value, key]"), one.getMessage());
        assertThrows(ShapeException.class, () -> a.apply(Q, V, V, V));
        ShapeException rank = assertThrows(ShapeException.class, () -> a.apply(Tensor.zeros(2, 4), V));
        assertEquals(Shape.of(2, 4), rank.received());
        assertTrue(rank.expected().contains("rank >= 3"), rank.getMessage());
        ShapeException value = assertThrows(ShapeException.class, () -> a.apply(Q, Tensor.zeros(2, 5)));
        assertEquals("Attention 'att' value", value.subject());
        assertEquals(Shape.of(2, 5), value.received());
        assertThrows(ShapeException.class, () -> a.apply(Q, Tensor.zeros(3, 5, 4)));
        ShapeException key = assertThrows(ShapeException.class, () -> a.apply(Q, V, Tensor.zeros(2, 5, 3)));
        assertEquals("Attention 'att' key", key.subject());
        assertTrue(key.expected().contains("(2, 5, 4)"), key.getMessage());
        assertThrows(ShapeException.class, () -> a.apply(Q, V, Tensor.zeros(2, 6, 4)));
        assertThrows(ShapeException.class, () -> a.apply(Q, Tensor.zeros(2, 5, 3)), "key = value needs the query's dim");
    }

    @Test
    void wrongMasksNameTheLayer() {
        AdditiveAttention a = new AdditiveAttention();
        a.name("add");
        ShapeException qm = assertThrows(ShapeException.class,
                () -> a.call(CallContext.inference(), new Tensor[] {Tensor.zeros(2, 5), null}, Q, V));
        assertEquals("AdditiveAttention 'add' query_mask", qm.subject());
        assertEquals("shape (batch, Tq) = (2, 3)", qm.expected());
        assertEquals(Shape.of(2, 5), qm.received());
        ShapeException vm = assertThrows(ShapeException.class,
                () -> a.call(CallContext.inference(), new Tensor[] {null, Tensor.zeros(2, 3)}, Q, V));
        assertEquals("AdditiveAttention 'add' value_mask", vm.subject());
        assertThrows(ShapeException.class,
                () -> a.call(CallContext.inference().withMask(Tensor.zeros(2, 5)), Q, V), "context mask = query mask");
        Seq2SeqException count = assertThrows(Seq2SeqException.class,
                () -> a.call(CallContext.inference(), new Tensor[] {null}, Q, V));
        assertTrue(count.getMessage().contains("[query_mask, value_mask]"), count.getMessage());
        ShapeException dim = assertThrows(ShapeException.class, () -> a.apply(Tensor.zeros(2, 3, 6), Tensor.zeros(2, 5, 6)));
        assertEquals(Shape.of(2, 3, 6), dim.received(), "built for dim 4");
    }

    @Test
    void contextMaskIsTheQueryMask() {
        Tensor qMask = Tensor.of(new float[] {1, 0, 1, 0, 1, 1}, 2, 3);
        Tensor viaContext = new Attention().call(CallContext.inference().withMask(qMask), Q, V)[0];
        Tensor viaList = new Attention().call(CallContext.inference(), new Tensor[] {qMask, null}, Q, V)[0];
        assertAllClose(viaList, viaContext, 0, "same masks");
        for (int x = 0; x < 4; x++) {
            assertEquals(0f, viaContext.get(0, 1, x));
            assertEquals(0f, viaContext.get(1, 0, x));
        }
    }

    private static <L extends BaseDenseAttention<L>> L build(L layer) {
        layer.name("attention_test");
        layer.build(Shape.of(2, 3, 4));
        return layer;
    }
}
