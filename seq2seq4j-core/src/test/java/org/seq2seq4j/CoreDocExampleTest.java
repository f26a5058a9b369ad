package org.seq2seq4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Dropout;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the core types, copied word for word, with their stated results checked. */
class CoreDocExampleTest {

    @Test
    void shape() {
        Shape s = Shape.of(32, 10, 8);
        assertEquals(3, s.rank());
        assertEquals(8, s.last());
        assertEquals(2560, s.size());
        assertEquals(Shape.of(32, 10, 4), s.withLast(4));
        assertEquals("(None, 10)", Shape.of(Shape.UNKNOWN, 10).toString());
    }

    @Test
    void tensor() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = Tensor.random(Shape.of(32, 10, 8), 42); // uniform in [-1, 1), reproducible
        assertEquals(Shape.of(2, 3), x.shape());
        assertEquals(6f, x.get(1, 2));
        assertEquals(r.get(3, 4, 5), Tensor.random(Shape.of(32, 10, 8), 42).get(3, 4, 5));
    }

    @Test
    void tape() {
        Variable w = new Variable("w", Tensor.of(new float[] {2}, 1, 1), true);
        Tensor x = Tensor.of(new float[] {3}, 1, 1);
        try (Tape tape = Tape.record()) {
            Tensor y = Ops.dense(x, w.read(), null, ActivationFunction.LINEAR);     // y = x * w
            Map<Tensor, Tensor> g = tape.gradient(y, List.of(w.value()));
            assertEquals(3f, g.get(w.value()).item());
        }
    }

    @Test
    void variable() {
        Variable w = new Variable("dense/kernel", Tensor.zeros(Shape.of(3, 2)), true);
        w.assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertEquals(6f, w.value().get(2, 1));
    }

    @Test
    void dense() {
        Dense d = new Dense(5).activation(ActivationFunction.RELU);
        Tensor y = d.apply(Tensor.random(Shape.of(2, 7, 12), 1));
        assertEquals(Shape.of(2, 7, 5), y.shape());
        assertEquals(65, d.countParams());
    }

    @Test
    void dropout() {
        Dropout d = new Dropout(0.5);
        Tensor x = Tensor.random(Shape.of(4, 8), 1);
        Tensor same = d.apply(x);                       // inference: returns x unchanged
        assertSame(x, same);
    }

    @Test
    void embedding() {
        Tensor glove = Tensor.random(Shape.of(1000, 50), 7);      // a pretrained matrix
        Embedding e = new Embedding(1000, 50).embeddings(glove).maskZero(true);
        e.trainable(false);
        Tensor y = e.apply(Tensor.of(new float[] {4, 9, 0, 0}, 1, 4));
        assertEquals(Shape.of(1, 4, 50), y.shape());
        assertEquals(glove.get(9, 3), y.get(0, 1, 3));
    }

    @Test
    void timeDistributed() {
        TimeDistributed td = new TimeDistributed(new Dense(3));
        Tensor y = td.apply(Tensor.random(Shape.of(2, 4, 5), 1));
        assertEquals(Shape.of(2, 4, 3), y.shape());
        assertEquals(18, td.countParams());
    }

    @Test
    void sequential() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Seq2Seq4j.seed(1);
            Sequential model = new Sequential()
                    .add(new LSTM(16).inputShape(5, 3))
                    .add(new RepeatVector(5))
                    .add(new LSTM(16).returnSequences(true))
                    .add(new TimeDistributed(new Dense(3).activation(ActivationFunction.SOFTMAX)));
            model.summary();
            model.compile("adam", "categorical_crossentropy", "accuracy");
        } finally {
            System.setOut(stdout);
        }
        // 4*(16*3+16*16+16) + 4*(16*16+16*16+16) + (16+1)*3 = 1280 + 2112 + 51
        assertEquals(true, printed.toString(StandardCharsets.UTF_8).contains("Total params: 3,443"));
    }
}
