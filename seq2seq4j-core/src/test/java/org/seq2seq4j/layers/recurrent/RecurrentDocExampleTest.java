package org.seq2seq4j.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the recurrent package, word for word. */
class RecurrentDocExampleTest {
    @Test
    void rnnCellExample() {
        FusedStep cell = new LstmStep(4, ActivationFunction.TANH, ActivationFunction.SIGMOID);
        // cell.gates() -> 4; cell.stateCount() -> 2 (h, c)
        assertEquals(4, cell.gates());
        assertEquals(2, cell.stateCount());
    }

    @Test
    void rnnStepperExample() {
        LSTM lstm = new LSTM(6);
        lstm.build(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 10));
        float[] encoderH = Tensor.random(Shape.of(1, 6), 1).data();
        float[] encoderC = Tensor.random(Shape.of(1, 6), 2).data();
        int startId = 3;
        RecurrentStepper dec = lstm.stepper(1);          // lstm built on (None, None, vocab)
        dec.setState(0, encoderH, 0);                    // h
        dec.setState(1, encoderC, 0);                    // c
        dec.stepTokens(new int[] {startId}, 0);
        float[] h = dec.output();                        // (1, units), live
        float[] oneHot = new float[10];
        oneHot[startId] = 1f;
        Tensor expected = lstm.apply(Tensor.of(oneHot, 1, 1, 10), Tensor.of(encoderH, 1, 6), Tensor.of(encoderC, 1, 6));
        assertArrayEquals(expected.data(), h);
    }
}
