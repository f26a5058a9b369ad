package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Bad arguments and inputs of the seq2seq families and their layers: one typed exception naming subject, expectation and value. */
class Seq2SeqErrorsTest {

    private static void config(Executable e, String subject, String argument, String received) {
        ConfigException x = assertThrows(ConfigException.class, e);
        assertEquals(subject, x.subject(), x.getMessage());
        assertEquals(argument, x.argument(), x.getMessage());
        assertEquals(received, x.received(), x.getMessage());
        assertTrue(!x.expected().isEmpty(), x.getMessage());
    }

    private static SimpleSeq2Seq.Builder simple() {
        return new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8);
    }

    @Test
    void badFamilyArgumentsNameTheArgument() {
        config(() -> simple().outputLength(0).build(), "SimpleSeq2Seq", "output_length", "0");
        config(() -> new Seq2Seq.Builder().inputDim(5).outputLength(-2).outputDim(3).build(), "Seq2Seq", "output_length",
                "-2");
        config(() -> simple().depth(0).build(), "SimpleSeq2Seq", "depth", "0");
        config(() -> new AttentionSeq2Seq.Builder().inputDim(5).outputLength(3).outputDim(3).depth(3, 0).build(),
                "AttentionSeq2Seq", "depth", "(3, 0)");
        config(() -> new Seq2Seq.Builder().inputDim(5).outputLength(3).outputDim(3).depth(0, 2).build(), "Seq2Seq",
                "depth", "(0, 2)");
        config(() -> simple().hiddenDim(0).build(), "SimpleSeq2Seq", "hidden_dim", "0");
        config(() -> new Seq2Seq.Builder().inputDim(5).outputLength(3).build(), "Seq2Seq", "output_dim", "none");
        config(() -> new SimpleSeq2Seq.Builder().outputLength(3).outputDim(3).build(), "SimpleSeq2Seq", "input", "none");
        config(() -> simple().dropout(1.0).build(), "SimpleSeq2Seq", "dropout", "1.0");
        config(() -> simple().batchInputShape(16, 5).build(), "SimpleSeq2Seq", "batch_input_shape", "(16, 5)");
        config(() -> simple().inputDim(0).build(), "SimpleSeq2Seq", "input shape", "(None, None, 0)");
        config(() -> simple().outputActivation("tanh").build(), "SimpleSeq2Seq", "output_activation", "\"tanh\"");
        config(() -> new Seq2Seq.Builder().inputDim(5).outputLength(3).outputDim(3).outputActivation("relu").build(),
                "Seq2Seq", "output_activation", "\"relu\"");
        config(() -> simple().embedding(0, true).build(), "SimpleSeq2Seq", "embedding output_dim", "0");
        config(() -> Seq2Seqs.repeatVector(CellType.GRU, Shape.of(6, 10), 0, 6, 10, true, "softmax"),
                "Seq2Seqs.repeatVector", "hidden", "0");
        config(() -> Seq2Seqs.repeatVector(CellType.GRU, Shape.of(6, 10), 8, 6, 10, true, "tanh"),
                "Seq2Seqs.repeatVector", "outputActivation", "\"tanh\"");
        config(() -> CellType.fromKerasName("SimpleRNN"), "seq2seq", "cell", "\"SimpleRNN\"");
    }

    @Test
    void badLayerArgumentsNameTheArgument() {
        config(() -> new Seq2SeqDecoder(4, 3, 0, 1), "Seq2SeqDecoder", "output_length", "0");
        config(() -> new Seq2SeqEncoder(3, 0), "Seq2SeqEncoder", "depth", "0");
        config(() -> new LSTMDecoderCell(0, 3), "LSTMDecoderCell", "output_dim", "0");
        config(() -> new AttentionGRUDecoderCell(3, -1), "AttentionGRUDecoderCell", "hidden_dim", "-1");
        config(() -> new AttentionDecoderRNN(new LSTMDecoderCell(3, 3), 4), "AttentionDecoderRNN", "cell",
                "LSTMDecoderCell 'lstm_decoder_cell'");
        Seq2SeqDecoder d = new Seq2SeqDecoder(4, 3, 2, 1);
        config(() -> d.returnSequences(false), d.describe(), "return_sequences", "false");
    }

    @Test
    void encoderDecoderStateMismatchIsAShapeError() {
        Seq2SeqDecoder decoder = new Seq2SeqDecoder(20, 10, 8, 1);
        KerasTensor context = Input.of(20);
        ShapeException size = assertThrows(ShapeException.class,
                () -> decoder.apply(context, Input.of(7), Input.of(7)));
        assertTrue(size.subject().contains("initial state"), size.getMessage());
        assertEquals("shape (None, 10)", size.expected());
        assertEquals(Shape.of(Shape.UNKNOWN, 7), size.received());
        // a GRU encoder's one state for an LSTM decoder's two
        ShapeException count = assertThrows(ShapeException.class, () -> decoder.apply(context, Input.of(10)));
        assertTrue(count.expected().contains("h, c"), count.getMessage());
        ShapeException width = assertThrows(ShapeException.class,
                () -> new Seq2SeqEncoder(10, 2).apply(Tensor.zeros(2, 4, 6)));
        assertTrue(width.expected().contains("hidden_dim = 10"), width.getMessage());
        assertEquals(Shape.of(2, 4, 6), width.received());
        ShapeException rank = assertThrows(ShapeException.class, () -> decoder.apply(Tensor.zeros(2, 3, 20)));
        assertEquals(Shape.of(2, 3, 20), rank.received());
    }

    @Test
    void badStepDecoderCallsAreTypedErrors() {
        SimpleSeq2Seq model = simple().build();
        Supplier<StepDecoder> dec = model::stepDecoder;
        config(() -> dec.get().start(List.of(), 1), model.describe() + " step decoder", "sources", "0 tensors");
        ConfigException rows = assertThrows(ConfigException.class, () -> dec.get().start(List.of(Tensor.zeros(1, 3, 5)), 0));
        assertEquals("rowsPerSource", rows.argument());
        assertThrows(ShapeException.class, () -> dec.get().start(List.of(Tensor.zeros(1, 3, 4)), 1));
        StepDecoder.Session s = dec.get().start(List.of(Tensor.zeros(2, 3, 5)), 1);
        config(() -> s.step(new int[1], new float[16]), "StepDecoder.Session.step", "previous", "1 tokens");
        config(() -> s.selectRows(new int[] {0, 2}), "StepDecoder.Session.selectRows", "from[1]", "2");
        Seq2Seq forced = new Seq2Seq.Builder().inputDim(5).hiddenDim(4).outputLength(3).outputDim(6).teacherForce(true)
                .build();
        StepDecoder.Session f = forced.stepDecoder().start(List.of(Tensor.zeros(1, 3, 5)), 1);
        f.step(new int[] {0}, new float[6]);
        config(() -> f.step(new int[] {6}, new float[6]), "Seq2Seq step decoder", "previous[0]", "6");
    }
}
