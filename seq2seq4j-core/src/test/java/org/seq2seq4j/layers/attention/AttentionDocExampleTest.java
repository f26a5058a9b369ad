package org.seq2seq4j.layers.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the attention layers, word for word, with their stated results checked. */
class AttentionDocExampleTest {
    @Test
    void attention() {
        Attention att = new Attention().returnAttentionScores(true);
        Tensor query = Tensor.random(Shape.of(2, 3, 4), 1);     // (batch, Tq, dim)
        Tensor value = Tensor.random(Shape.of(2, 5, 4), 2);     // (batch, Tv, dim)
        List<Tensor> out = att.applyAll(query, value);                  // [output, scores]
        assertEquals(Shape.of(2, 3, 4), out.get(0).shape());
        assertEquals(Shape.of(2, 3, 5), out.get(1).shape());
    }

    @Test
    void additiveAttention() {
        AdditiveAttention att = new AdditiveAttention();
        Tensor query = Tensor.random(Shape.of(2, 3, 4), 1);     // (batch, Tq, dim)
        Tensor value = Tensor.random(Shape.of(2, 5, 4), 2);     // (batch, Tv, dim)
        Tensor out = att.apply(query, value);                 // (2, 3, 4)
        assertEquals(Shape.of(2, 3, 4), out.shape());
        assertEquals(Shape.of(4), att.getWeights().get(0).shape());
    }

    @Test
    void baseDenseAttention() {
        Attention att = new Attention();
        Tensor q = Tensor.random(Shape.of(2, 3, 4), 1), v = Tensor.random(Shape.of(2, 5, 4), 2);
        Tensor valueMask = Tensor.of(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, 2, 5);  // first value has 3 steps
        Tensor out = att.call(CallContext.inference(), new Tensor[] {null, valueMask}, q, v)[0];
        assertEquals(Shape.of(2, 3, 4), out.shape());
        // "out row (0, i) mixes only value steps 0..2": changing value steps 3 and 4 of sequence 0 changes nothing
        Tensor v2 = v.copy();
        for (int x = 0; x < 4; x++) {
            v2.set(9f, 0, 3, x);
            v2.set(-9f, 0, 4, x);
        }
        Tensor again = new Attention().call(CallContext.inference(), new Tensor[] {null, valueMask}, q, v2)[0];
        for (int i = 0; i < 3; i++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(out.get(0, i, x), again.get(0, i, x), 0f);
            }
        }
    }
}
