package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.kernels.GateMath;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the seq2seq families, their layers and cells, copied word for word, with their stated results checked. */
class Seq2SeqDocExampleTest {

    @Test
    void gateMath() {
        float y = GateMath.tanh(0.5f);        // 0.46211717 (within 4e-7)
        assertEquals(0.46211717f, y, 4e-7f);
        assertEquals((float) (1 / (1 + Math.exp(-1.5))), GateMath.sigmoid(1.5f), 4e-7f);
    }

    @Test
    void cellType() {
        CellType t = CellType.fromKerasName("GRU");     // CellType.GRU; t.kerasName() -> "GRU"
        assertEquals(CellType.GRU, t);
        assertEquals("GRU", t.kerasName());
    }

    @Test
    void lstmDecoderCell() {
        RNN rnn = new RNN(new LSTMDecoderCell(20, 10)).returnSequences(true);
        Tensor y = rnn.apply(Tensor.random(Shape.of(2, 8, 20), 1));      // (2, 8, 20), values in (-1, 1)
        // rnn.countParams() -> 4·10·(20 + 10 + 1) + 20·(10 + 1) = 1,460
        assertEquals(Shape.of(2, 8, 20), y.shape());
        assertEquals(1_460, rnn.countParams());
        for (float v : y.data()) {
            assertEquals(0, v, 1);
        }
    }

    @Test
    void gruDecoderCell() {
        RNN rnn = new RNN(new GRUDecoderCell(20, 10)).returnSequences(true);
        Tensor y = rnn.apply(Tensor.random(Shape.of(2, 8, 20), 1));      // (2, 8, 20)
        // rnn.countParams() -> 3·10·(20 + 10 + 2) + 20·(10 + 1) = 1,180
        assertEquals(Shape.of(2, 8, 20), y.shape());
        assertEquals(1_180, rnn.countParams());
    }

    @Test
    void attentionDecoderCell() {
        AttentionDecoderRNN dec = new AttentionDecoderRNN(new AttentionDecoderCell(20, 10), 8);
        Tensor y = dec.apply(Tensor.random(Shape.of(2, 7, 10), 1));       // (2, 8, 20)
        // dec.countParams() -> 4·10·(10 + 10 + 2) + 20·11 + 10 + 10 + 1 = 1,121
        assertEquals(Shape.of(2, 8, 20), y.shape());
        assertEquals(1_121, dec.countParams());
    }

    @Test
    void attentionGruDecoderCell() {
        AttentionDecoderRNN dec = new AttentionDecoderRNN(new AttentionGRUDecoderCell(20, 10), 8);
        Tensor y = dec.apply(Tensor.random(Shape.of(2, 7, 10), 1));       // (2, 8, 20)
        // dec.countParams() -> 3·10·(10 + 10 + 2) + 20·11 + 10 + 10 + 1 = 901
        assertEquals(Shape.of(2, 8, 20), y.shape());
        assertEquals(901, dec.countParams());
    }

    @Test
    void seq2SeqEncoder() {
        Seq2SeqEncoder enc = new Seq2SeqEncoder(10, 4).returnState(true);
        List<Tensor> out = enc.applyAll(Tensor.random(Shape.of(2, 7, 10), 1));   // [output (2, 10), h (2, 10), c (2, 10)]
        // enc.countParams() -> 4 · 4·10·(2·10 + 1) = 3,360
        assertEquals(List.of(Shape.of(2, 10), Shape.of(2, 10), Shape.of(2, 10)), out.stream().map(Tensor::shape).toList());
        assertEquals(3_360, enc.countParams());
    }

    @Test
    void seq2SeqDecoder() {
        Seq2SeqDecoder dec = new Seq2SeqDecoder(20, 10, 8, 4).peek(true);
        Tensor y = dec.apply(Tensor.random(Shape.of(2, 20), 1));              // (2, 8, 20)
        // dec.countParams() -> 4 · (4·10·(20 + 10 + 1) + 20·(10 + 1)) = 5,840
        assertEquals(Shape.of(2, 8, 20), y.shape());
        assertEquals(5_840, dec.countParams());
    }

    @Test
    void seq2SeqOptions() {
        SimpleSeq2Seq m = new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8)
                .depth(3).build();
        // m.countParams() -> 4,608, the original's
        assertEquals(4_608, m.countParams());
    }

    @Test
    void simpleSeq2Seq() {
        SimpleSeq2Seq model = new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8).build();
        model.compile("adam", "mse");
        Tensor y = model.predict(Tensor.random(Shape.of(4, 7, 5), 1));        // (4, 8, 8)
        // model.countParams() -> 1,792
        assertEquals(Shape.of(4, 8, 8), y.shape());
        assertEquals(1_792, model.countParams());
    }

    @Test
    void seq2Seq() {
        Seq2Seq model = new Seq2Seq.Builder().outputDim(20).outputLength(8).hiddenDim(10).batchInputShape(16, 7, 5)
                .depth(4).peek(true).build();
        // model.countParams() -> 9,480
        Tensor y = model.predict(Tensor.random(Shape.of(16, 7, 5), 1));        // (16, 8, 20)
        assertEquals(9_480, model.countParams());
        assertEquals(Shape.of(16, 8, 20), y.shape());
    }

    @Test
    void attentionSeq2Seq() {
        AttentionSeq2Seq model = new AttentionSeq2Seq.Builder().inputDim(5).inputLength(7).hiddenDim(10)
                .outputLength(8).outputDim(20).depth(4).build();
        // model.countParams() -> 10,801
        Tensor y = model.predict(Tensor.random(Shape.of(3, 7, 5), 1));         // (3, 8, 20)
        assertEquals(10_801, model.countParams());
        assertEquals(Shape.of(3, 8, 20), y.shape());
    }

    @Test
    void seq2SeqModel() {
        Seq2SeqModel model = new AttentionSeq2Seq.Builder().inputDim(5).hiddenDim(8).outputLength(4).outputDim(6)
                .outputActivation("softmax").build();
        StepDecoder.Session s = model.stepDecoder().start(List.of(Tensor.random(Shape.of(2, 7, 5), 1)), 1);
        float[] probabilities = new float[s.rows() * model.outputDim()];
        s.step(new int[s.rows()], probabilities);                 // the first output step of both rows
        for (int r = 0; r < 2; r++) {
            float sum = 0;
            for (int k = 0; k < 6; k++) {
                sum += probabilities[r * 6 + k];
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }

    @Test
    void seq2Seqs() {
        Sequential m = Seq2Seqs.repeatVector(CellType.LSTM, Shape.of(6, 10), 64, 6, 10, true, "softmax");
        // LSTM(64) → Dense(64, relu) → RepeatVector(6) → LSTM(64, return_sequences) → TimeDistributed(Dense(10, softmax))
        // m.countParams() -> 19,200 + 4,160 + 33,024 + 650 = 57,034
        assertEquals(57_034, m.countParams());
        assertEquals(5, m.layers().size());
        assertEquals(Shape.of(2, 6, 10), m.predict(Tensor.random(Shape.of(2, 6, 10), 1)).shape());
    }
}
