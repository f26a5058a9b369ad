package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.RnnDropout;
import org.seq2seq4j.layers.recurrent.SimpleRNNCell;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of GRU, SimpleRNN, RNN, the cells, RecurrentLayer, SingleCellRNN and RnnDropout, word for word. */
class RecurrentLayersDocExampleTest {

    @Test
    void gruExample() {
        GRU gru = new GRU(3);
        gru.build(Shape.of(Shape.UNKNOWN, 10, 4));  // gru.countParams() -> 81; 72 with resetAfter(false)
        Tensor h = gru.apply(Tensor.random(Shape.of(2, 10, 4), 1));   // (2, 3)
        assertEquals(81, gru.countParams());
        assertEquals(Shape.of(2, 3), h.shape());
    }

    @Test
    void recurrentLayerExample() {
        GRU gru = new GRU(4).returnSequences(true).returnState(true);
        List<Tensor> out = gru.applyAll(Tensor.random(Shape.of(2, 5, 3), 1));   // [sequence (2, 5, 4), h (2, 4)]
        assertEquals(Shape.of(2, 5, 4), out.get(0).shape());
        assertEquals(Shape.of(2, 4), out.get(1).shape());
    }

    @Test
    void simpleRnnExample() {
        SimpleRNN rnn = new SimpleRNN(4).returnSequences(true);
        Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // (2, 5, 4); rnn.countParams() -> 32
        assertEquals(Shape.of(2, 5, 4), y.shape());
        assertEquals(32, rnn.countParams());
    }

    @Test
    void singleCellRnnExample() {
        SimpleRNN rnn = new SimpleRNN(4).activation(ActivationFunction.RELU).dropout(0.2).returnSequences(true);
        // rnn.getConfig().get("dropout") -> 0.2
        assertEquals(0.2, rnn.getConfig().get("dropout"));
    }

    @Test
    void rnnExample() {
        RNN rnn = new RNN(List.of(new LSTMCell(8), new GRUCell(4))).returnState(true);
        List<Tensor> out = rnn.applyAll(Tensor.random(Shape.of(2, 5, 3), 1));   // [output (2, 4), h1, c1 (2, 8), h2 (2, 4)]
        assertEquals(List.of(Shape.of(2, 4), Shape.of(2, 8), Shape.of(2, 8), Shape.of(2, 4)),
                List.of(out.get(0).shape(), out.get(1).shape(), out.get(2).shape(), out.get(3).shape()));
    }

    @Test
    void cellExamples() {
        RNN rnn = new RNN(new GRUCell(4).dropout(0.1)).returnSequences(true);
        Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // (2, 5, 4)
        assertEquals(Shape.of(2, 5, 4), y.shape());
        RNN lstm = new RNN(new LSTMCell(4)).returnState(true);
        List<Tensor> out = lstm.applyAll(Tensor.random(Shape.of(2, 5, 3), 1));   // [output, h, c], each (2, 4)
        assertEquals(3, out.size());
        RNN gru = new RNN(new GRUCell(3));
        gru.build(Shape.of(Shape.UNKNOWN, 5, 4));   // rnn.countParams() -> 81 (72 with resetAfter(false))
        assertEquals(81, gru.countParams());
        RNN simple = new RNN(new SimpleRNNCell(4)).returnSequences(true);
        assertEquals(Shape.of(2, 5, 4), simple.apply(Tensor.random(Shape.of(2, 5, 3), 1)).shape());
    }

    @Test
    void rnnDropoutExample() {
        RnnDropout d = RnnDropout.draw(new SplittableRandom(1), 32, 8, 16, 3, 0.2, 0.1); // GRU, per gate
        // d.input().length -> 3; d.input()[0].length -> 32 * 8
        assertEquals(3, d.input().length);
        assertEquals(32 * 8, d.input()[0].length);
    }
}
