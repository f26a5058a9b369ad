package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Masking;
import org.seq2seq4j.layers.Permute;
import org.seq2seq4j.layers.Reshape;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.layers.merging.Add;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.merging.Dot;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the functional API and the merge/reshape layers, word for word. */
class FunctionalDocExampleTest {

    @Test
    void functional() {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, 71);
        List<KerasTensor> enc = new LSTM(256).returnState(true).applyAll(encoderInputs);     // [output, h, c]
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, 93);
        KerasTensor seq = new LSTM(256).returnSequences(true).apply(decoderInputs, enc.get(1), enc.get(2));
        KerasTensor probs = new Dense(93).activation(ActivationFunction.SOFTMAX).apply(seq);
        Model model = Model.of(List.of(encoderInputs, decoderInputs), List.of(probs));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 93), probs.shape());
        // Keras: 4*256*(71+256+1) + 4*256*(93+256+1) + 257*93
        assertEquals(335872 + 358400 + 23901, model.countParams());
    }

    @Test
    void inputAndKerasTensor() {
        KerasTensor tokens = Input.of("encoder_inputs", Shape.UNKNOWN, 71);   // (None, None, 71)
        KerasTensor ids = Input.of(20);                                       // (None, 20)
        KerasTensor fixed = Input.ofBatchShape(32, 10, 8);                    // (32, 10, 8), for stateful RNNs
        KerasTensor tokenIds = Input.of("tokens", DType.INT32, Shape.UNKNOWN);  // (None, None), whole numbers only
        assertEquals("(None, None)", tokenIds.shape().toString());
        assertEquals("(None, None, 71)", tokens.shape().toString());
        assertEquals("(None, 20)", ids.shape().toString());
        assertEquals(Shape.of(32, 10, 8), fixed.shape());
        KerasTensor x = Input.of(Shape.UNKNOWN, 8);           // (None, None, 8)
        KerasTensor y = new Dense(4).apply(x);                // (None, None, 4)
        assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4), y.shape());
        assertEquals(Dense.class, y.node().layer().getClass());
    }

    @Test
    void node() {
        Dense shared = new Dense(4);
        KerasTensor a = shared.apply(Input.of(3));
        KerasTensor b = shared.apply(Input.of(3));
        assertEquals(0, a.node().indexInLayer());
        assertEquals(1, b.node().indexInLayer());
        assertSame(a.node().layer(), b.node().layer());
    }

    @Test
    void mergeLayers() {
        KerasTensor a = Input.of(4);
        KerasTensor b = Input.of(4);
        KerasTensor sum = new Add().apply(a, b);              // (None, 4)
        assertEquals(Shape.of(Shape.UNKNOWN, 4), sum.shape());
        KerasTensor seq = Input.of(30, 64);
        KerasTensor s = Input.of(30, 64);
        assertEquals(Shape.of(Shape.UNKNOWN, 30, 128), new Concatenate().apply(seq, s).shape());
        KerasTensor alphas = Input.of(30, 1);
        KerasTensor context = new Dot(1).apply(alphas, seq);      // (None, 1, 64)
        assertEquals(Shape.of(Shape.UNKNOWN, 1, 64), context.shape());
    }

    @Test
    void reshapingLayers() {
        Tensor y = new Permute(2, 1).apply(Tensor.zeros(Shape.of(8, 10, 64)));
        assertEquals(Shape.of(8, 64, 10), y.shape());
        assertEquals(Shape.of(2, 4, 3), new Reshape(4, -1).apply(Tensor.zeros(Shape.of(2, 12))).shape());
        Tensor alphas = new Softmax(1).apply(Tensor.random(Shape.of(2, 30, 1), 3));
        float sum = 0;
        for (int t = 0; t < 30; t++) {
            sum += alphas.get(0, t, 0);
        }
        assertEquals(1f, sum, 1e-6f);
        Sequential m = new Sequential().add(new Masking(0.0).inputShape(5, 3)).add(new LSTM(4));
        assertEquals(Shape.of(1, 4), m.predict(Tensor.zeros(1, 5, 3)).shape());
    }
}
