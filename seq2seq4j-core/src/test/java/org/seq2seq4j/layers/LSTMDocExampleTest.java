package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The example of {@link LSTM}'s Javadoc, word for word. */
class LSTMDocExampleTest {
    @Test
    void classExample() {
        LSTM lstm = new LSTM(4).returnSequences(true).returnState(true);
        List<Tensor> out = lstm.applyAll(Tensor.random(Shape.of(32, 10, 8), 42)); // [sequence, h, c]
        // out.get(0).shape() -> (32, 10, 4); out.get(1).shape() -> (32, 4); lstm.countParams() -> 208
        assertEquals(Shape.of(32, 10, 4), out.get(0).shape());
        assertEquals(Shape.of(32, 4), out.get(1).shape());
        assertEquals(208, lstm.countParams());
        assertEquals(3, out.size());
    }
}
