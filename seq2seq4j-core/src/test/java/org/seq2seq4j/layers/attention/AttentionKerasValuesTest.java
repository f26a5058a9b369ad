package org.seq2seq4j.layers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Expected values stated in Keras's own tests (keras/src/layers/attention/attention_test.py and
 * additive_attention_test.py), plus the exact values those rounded numbers come from
 * (softmax of 0 and 1, or of 2·tanh 1 and tanh 2).
 */
class AttentionKerasValuesTest {
    private static final double KERAS_ATOL = 1e-3;   // Keras's own tolerance for its 3-decimal numbers
    private static final double EXACT = 1e-6;
    private static final Tensor QUERY = t(new float[] {1, 0, 0, 1}, 1, 2, 2);
    private static final Tensor KEY = t(new float[] {0, 1, 1, 0}, 1, 2, 2);
    private static final Tensor VALUE = t(new float[] {1, 2, 3, 4}, 1, 2, 2);
    private static final Tensor ONES = t(new float[] {1, 1, 1, 1}, 1, 2, 2);
    private static final Tensor[] MASKS = {t(new float[] {1, 0}, 1, 2), t(new float[] {1, 0}, 1, 2)};

    /** AttentionTest.test_attention_correctness, "Dot." */
    @Test
    void dotCorrectness() {
        List<Tensor> out = new Attention().returnAttentionScores(true).applyAll(QUERY, VALUE, KEY);
        assertAllClose(t(new float[] {2.462f, 3.462f, 1.538f, 2.538f}, 1, 2, 2), out.get(0), KERAS_ATOL, "keras output");
        assertAllClose(t(new float[] {0.269f, 0.731f, 0.731f, 0.269f}, 1, 2, 2), out.get(1), KERAS_ATOL, "keras scores");
        double p = 1 / (1 + Math.E);   // softmax([0, 1])[0]
        assertAllClose(exact(p), out.get(1), EXACT, "exact scores");
        assertAllClose(mix(p), out.get(0), EXACT, "exact output");
    }

    /** AttentionTest.test_attention_correctness, "Concat." */
    @Test
    void concatCorrectness() {
        List<Tensor> out = new Attention().scoreMode(Attention.ScoreMode.CONCAT).returnAttentionScores(true)
                .applyAll(QUERY, VALUE, KEY);
        checkTanhCorrectness(out);
    }

    /** AdditiveAttentionTest.test_attention_correctness (use_scale=False). */
    @Test
    void additiveCorrectness() {
        List<Tensor> out = new AdditiveAttention().useScale(false).returnAttentionScores(true).applyAll(QUERY, VALUE, KEY);
        checkTanhCorrectness(out);
    }

    private static void checkTanhCorrectness(List<Tensor> out) {
        assertAllClose(t(new float[] {1.727f, 2.727f, 2.272f, 3.272f}, 1, 2, 2), out.get(0), KERAS_ATOL, "keras output");
        assertAllClose(t(new float[] {0.636f, 0.363f, 0.363f, 0.636f}, 1, 2, 2), out.get(1), KERAS_ATOL, "keras scores");
        double p = 1 / (1 + Math.exp(Math.tanh(2) - 2 * Math.tanh(1)));   // softmax([2 tanh 1, tanh 2])[0]
        assertAllClose(exact(p), out.get(1), EXACT, "exact scores");
        assertAllClose(mix(p), out.get(0), EXACT, "exact output");
    }

    /** AttentionTest.test_attention_with_mask and AdditiveAttentionTest.test_attention_with_mask. */
    @Test
    void withMask() {
        for (BaseDenseAttention<?> layer : List.of(new Attention(), new AdditiveAttention().useScale(false))) {
            layer.returnAttentionScores(true);
            Tensor[] out = layer.call(CallContext.inference(), MASKS, QUERY, ONES);
            assertAllClose(new float[] {1, 1, 0, 0}, out[0].data(), EXACT, layer + " output");
            assertAllClose(new float[] {1, 0, 1, 0}, out[1].data(), EXACT, layer + " scores");
        }
    }

    /** AttentionTest.test_attention_calculate_scores_with_scale: scores = q·kᵀ · scale (scale set to 0.5 here). */
    @Test
    void dotScoresWithScale() {
        Attention layer = new Attention().useScale(true).returnAttentionScores(true);
        layer.build(Shape.of(1, 2, 2));
        assertEquals(1f, layer.getWeights().get(0).item(), "scale starts at 1");
        layer.setWeights(List.of(Tensor.scalar(0.5f)));
        Tensor scores = layer.applyAll(QUERY, VALUE, KEY).get(1);
        double p = 1 / (1 + Math.exp(0.5));   // softmax([0, 0.5])[0]
        assertAllClose(exact(p), scores, EXACT, "scaled scores");
    }

    /**
     * AttentionTest.test_attention_calculate_score_mask_with_causal_and_vmask: the score mask is
     * tril(ones(Tq, Tv)) AND value_mask, here seen through the weights (zero exactly where masked).
     */
    @Test
    void causalAndValueMask() {
        Attention layer = new Attention().useCausalMask(true).returnAttentionScores(true);
        Tensor q = Tensor.random(Shape.of(1, 3, 4), 3);
        Tensor v = Tensor.random(Shape.of(1, 4, 4), 4);
        Tensor vMask = t(new float[] {1, 0, 1, 0}, 1, 4);
        Tensor w = layer.call(CallContext.inference(), new Tensor[] {null, vMask}, q, v)[1];
        float[] allowed = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0};
        for (int i = 0; i < allowed.length; i++) {
            if (allowed[i] == 0) {
                assertEquals(0f, w.data()[i], "masked weight " + i);
            }
        }
        assertEquals(1f, w.data()[0], EXACT, "row 0 sees only step 0");
        assertEquals(1f, w.data()[4], EXACT, "row 1 sees only step 0");
    }

    /** AttentionTest.test_attention_compute_output_shape: value (2, 3, 5), key (2, 3, 4) -> output (2, 3, 5). */
    @Test
    void outputShapeFollowsValue() {
        Attention layer = new Attention();
        Tensor out = layer.apply(Tensor.random(Shape.of(2, 3, 4), 1), Tensor.random(Shape.of(2, 3, 5), 2),
                Tensor.random(Shape.of(2, 3, 4), 3));
        assertEquals(Shape.of(2, 3, 5), out.shape());
        assertEquals(List.of(out.shape()), layer.computeOutputShapes(List.of(Shape.of(2, 3, 4), Shape.of(2, 3, 5),
                Shape.of(2, 3, 4))));
        assertEquals(Shape.of(Shape.UNKNOWN, 3, Shape.UNKNOWN), layer.computeOutputShape(Shape.of(Shape.UNKNOWN, 3, 4)));
    }

    /** AttentionTest.test_return_attention_scores_with_symbolic_tensors: (None, 3, 5) x (None, 4, 5). */
    @Test
    void symbolicShapesWithScores() {
        Attention layer = new Attention().returnAttentionScores(true);
        assertEquals(List.of(Shape.of(-1, 3, 5), Shape.of(-1, 3, 4)),
                layer.computeOutputShapes(List.of(Shape.of(-1, 3, 5), Shape.of(-1, 4, 5))));
    }

    /** AttentionTest.test_attention_compute_mask_*: the output mask is the query mask, null without one. */
    @Test
    void computeMaskIsTheQueryMask() {
        Attention layer = new Attention();
        Tensor[] inputs = {Tensor.random(Shape.of(2, 3, 4), 1), Tensor.random(Shape.of(2, 4, 4), 2)};
        Tensor qMask = t(new float[] {1, 0, 1, 1, 1, 0}, 2, 3);
        assertSame(qMask, layer.computeMask(inputs, qMask));
        assertNull(layer.computeMask(inputs, null));
    }

    /** AttentionTest.test_attention_nd_inputs: (2, 8, 6, 4) -> output (2, 8, 6, 4), scores (2, 8, 6, 6). */
    @Test
    void fourDimensionalInputs() {
        Tensor q = Tensor.random(Shape.of(2, 8, 6, 4), 1);
        Tensor v = Tensor.random(Shape.of(2, 8, 6, 4), 2);
        List<Tensor> out = new Attention().returnAttentionScores(true).applyAll(q, v);
        assertEquals(Shape.of(2, 8, 6, 4), out.get(0).shape());
        assertEquals(Shape.of(2, 8, 6, 6), out.get(1).shape());
        AttentionDims d = new AttentionDims(16, 6, 6, 4, 4);
        double[][] ref = AttentionReference.run(AttentionReference.Mode.DOT, d, dbl(q), dbl(v), dbl(v), Double.NaN, 1,
                null, null, null, false, null);
        assertAllClose(flt(ref[0]), out.get(0).data(), 1e-5, "4-D output");
        assertAllClose(flt(ref[1]), out.get(1).data(), 1e-5, "4-D scores");
    }

    /**
     * All values masked: Keras 3 subtracts 1e9 in float32, which swamps every score, so the
     * weights come out uniform (not a softmax of the unmasked scores).
     */
    @Test
    void fullyMaskedRowIsUniform() {
        Tensor q = Tensor.random(Shape.of(1, 2, 3), 5);
        Tensor v = Tensor.random(Shape.of(1, 4, 3), 6);
        Tensor[] out = new Attention().returnAttentionScores(true)
                .call(CallContext.inference(), new Tensor[] {null, Tensor.zeros(1, 4)}, q, v);
        float[] uniform = new float[8];
        java.util.Arrays.fill(uniform, 0.25f);
        assertArrayEquals(uniform, out[1].data(), 1e-7f);
    }

    private static Tensor exact(double p) {
        return t(new float[] {(float) p, (float) (1 - p), (float) (1 - p), (float) p}, 1, 2, 2);
    }

    /** Output rows p·[1, 2] + (1 − p)·[3, 4], then (1 − p)·[1, 2] + p·[3, 4]. */
    private static Tensor mix(double p) {
        return t(new float[] {(float) (p + 3 * (1 - p)), (float) (2 * p + 4 * (1 - p)),
            (float) ((1 - p) + 3 * p), (float) (2 * (1 - p) + 4 * p)}, 1, 2, 2);
    }

    static Tensor t(float[] data, int... dims) {
        return Tensor.of(data, dims);
    }

    static double[] dbl(Tensor t) {
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.data()[i];
        }
        return out;
    }

    static float[] flt(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
