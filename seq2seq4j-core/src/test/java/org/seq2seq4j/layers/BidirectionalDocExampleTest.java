package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The example of {@link Bidirectional}'s Javadoc, word for word. */
class BidirectionalDocExampleTest {
    @Test
    void classExample() {
        Bidirectional bi = new Bidirectional(new LSTM(4).returnSequences(true)).mergeMode(Bidirectional.MergeMode.SUM);
        Tensor y = bi.apply(Tensor.random(Shape.of(2, 5, 3), 1));
        // y.shape() -> (2, 5, 4); bi.countParams() -> 256 (two LSTMs of 128)
        assertEquals(Shape.of(2, 5, 4), y.shape());
        assertEquals(256, bi.countParams());
    }
}
