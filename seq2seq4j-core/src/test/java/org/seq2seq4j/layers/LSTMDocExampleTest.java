package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The example of {@link LSTM}'s Javadoc, word for word. */
class LSTMDocExampleTest {
    @Test
    void classExample() {
        LSTM lstm = new LSTM(4).returnSequences(true).returnState(true);
        Tensor[] out = lstm.apply(Tensor.random(Shape.of(32, 10, 8), 42)); // [sequence, h, c]
        // out[0].shape() -> (32, 10, 4); out[1].shape() -> (32, 4); lstm.countParams() -> 208
        assertEquals(Shape.of(32, 10, 4), out[0].shape());
        assertEquals(Shape.of(32, 4), out[1].shape());
        assertEquals(208, lstm.countParams());
        assertEquals(3, out.length);
    }
}
