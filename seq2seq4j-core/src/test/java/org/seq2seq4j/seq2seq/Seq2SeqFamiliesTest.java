package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The three families of the original library: parameter counts (worked out by hand from the
 * original's models.py and cells.py and recurrentshop's cells, in the comments), the step decoders
 * against the models' own predictions, row reordering and the encoder models.
 */
class Seq2SeqFamiliesTest {

    @Test
    void simpleSeq2SeqHasTheOriginalsParameterCounts() {
        // An LSTM(u) on `in` features has 4u·(in + u + 1) parameters (recurrentshop's LSTMCell: a Dense(4u)
        // with bias on x and a Dense(4u) without bias on h; Keras's LSTM: kernel, recurrent_kernel, bias).
        // depth 1: encoder LSTM(10) on 5 = 4·10·16 = 640; decoder LSTM(8) on 10 = 4·8·19 = 608, then the
        // Dropout, LSTMCell(output_dim) added after the if/else: LSTM(8) on 8 = 4·8·17 = 544. 1,792.
        assertEquals(1_792, simple().build().countParams());
        // depth 3: encoder 640 + 2 × LSTM(10) on 10 (4·10·21 = 840) = 2,320; decoder LSTM(10) on 10 = 840,
        // (3 − 2) × LSTM(10) on 10 = 840, LSTM(8) on 10 = 608: 2,288. 4,608.
        assertEquals(4_608, simple().depth(3).build().countParams());
        // depth (4, 5), output_dim 20: encoder 640 + 3 × 840 = 3,160; decoder LSTM(10) on 10 = 840,
        // (5 − 2) × 840 = 2,520, LSTM(20) on 10 = 4·20·31 = 2,480: 5,840. 9,000.
        assertEquals(9_000, simple().depth(4, 5).outputDim(20).build().countParams());
        // GRU (Keras, reset_after: 3u·(in + u + 2)), depth 1: 3·10·17 = 510, 3·8·20 = 480, 3·8·18 = 432. 1,422.
        assertEquals(1_422, simple().cell(CellType.GRU).build().countParams());
        // the softmax output and dropout add no parameters
        assertEquals(1_792, simple().outputActivation("softmax").dropout(0.3).build().countParams());
        // token ids: Embedding(5, 4) = 20, encoder LSTM(10) on 4 = 4·10·15 = 600, decoder 608 + 544. 1,772.
        assertEquals(1_772, simple().embedding(4, true).build().countParams());
    }

    @Test
    void seq2SeqHasTheOriginalsParameterCounts() {
        // dense1 TimeDistributed(Dense(10)) on 5 = 5·10 + 10 = 60; encoder 4 × LSTMCell(10) on 10 (its
        // batch_input_shape is (batch, hidden)) = 4 × 840 = 3,360; dense2 Dense(20) on 10 = 220; decoder
        // 4 × LSTMDecoderCell(20, 10) on 20: W1 Dense(40, no bias) on x = 20·40 = 800, U Dense(40) on h =
        // 10·40 + 40 = 440, W2 Dense(20) on h = 10·20 + 20 = 220: 1,460 each, 5,840. 9,480, with or without
        // peek (peek adds C to the step input).
        assertEquals(9_480, seq2seq().build().countParams());
        assertEquals(9_480, seq2seq().peek(true).build().countParams());
        assertEquals(9_480, seq2seq().teacherForce(true).broadcastState(false).build().countParams());
        // GRU: 60 + 4 × 3·10·(10 + 10 + 2) = 2,640 + 220 + 4 × (3·10·(20 + 10 + 2) + 220 = 1,180) = 4,720. 7,640.
        assertEquals(7_640, seq2seq().cell(CellType.GRU).build().countParams());
    }

    @Test
    void attentionSeq2SeqHasTheOriginalsParameterCounts() {
        // encoder LSTMCell(10) on 5 = 640, 3 × LSTMCell(10) on 10 = 2,520: 3,160, twice (Bidirectional,
        // merge sum) = 6,320. Decoder: AttentionDecoderCell(20, 10) on H (7, 10): W1 Dense(40) on the context
        // = 440, U Dense(40) on h = 440, W2 Dense(20) = 220, W3 Dense(1) on [H_j ; c] (20) = 21: 1,121; then
        // LSTMDecoderCell(10, 10) on the attention cell's 20 outputs: 20·40 + 440 + 10·10 + 10 = 1,350;
        // LSTMDecoderCell(10, 10) on 10: 400 + 440 + 110 = 950; LSTMDecoderCell(20, 10) on 10:
        // 400 + 440 + 220 = 1,060. 6,320 + 4,481 = 10,801.
        assertEquals(10_801, attention().build().countParams());
        assertEquals(10_801 - 3_160, attention().bidirectional(false).build().countParams());
        // depth 1: 6,320 for a one-cell encoder is 2 × 640 = 1,280, plus the attention cell alone: 1,121. 2,401.
        assertEquals(2_401, attention().depth(1).build().countParams());
    }

    private static SimpleSeq2Seq.Builder simple() {
        return new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8);
    }

    private static Seq2Seq.Builder seq2seq() {
        return new Seq2Seq.Builder().batchInputShape(16, 7, 5).hiddenDim(10).outputLength(8).outputDim(20).depth(4);
    }

    private static AttentionSeq2Seq.Builder attention() {
        return new AttentionSeq2Seq.Builder().inputDim(5).inputLength(7).hiddenDim(10).outputLength(8).outputDim(20)
                .depth(4);
    }

    /** A family model on one-hot (or id) inputs, with its step decoder. */
    record Family(String name, Seq2SeqModel model) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> families() {
        Seq2Seq4j.seed(2);
        return Stream.of(CellType.values()).flatMap(t -> Stream.of(
                family("SimpleSeq2Seq " + t, new SimpleSeq2Seq.Builder().inputDim(4).hiddenDim(6).outputLength(5)
                        .outputDim(4).depth(2, 3).cell(t).outputActivation("softmax").build()),
                family("Seq2Seq " + t, new Seq2Seq.Builder().inputDim(4).hiddenDim(6).outputLength(5).outputDim(4)
                        .depth(2).peek(true).cell(t).outputActivation("softmax").build()),
                family("Seq2Seq teacher-forced " + t, new Seq2Seq.Builder().inputDim(4).hiddenDim(6).outputLength(5)
                        .outputDim(4).depth(2).teacherForce(true).cell(t).build()),
                family("AttentionSeq2Seq " + t, new AttentionSeq2Seq.Builder().inputDim(4).hiddenDim(6)
                        .outputLength(5).outputDim(4).depth(2, 3).cell(t).outputActivation("softmax").build())));
    }

    private static Arguments family(String name, Seq2SeqModel model) {
        return Arguments.of(new Family(name, model));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void stepDecoderGivesThePredictionsStepByStep(Family f) {
        Tensor x = oneHot(new SplittableRandom(5), 3, 6, 4);
        StepDecoder dec = f.model().stepDecoder();
        assertEquals(5, dec.maxOutputLength());
        assertEquals(4, dec.outputSize());
        StepDecoder.Session s = dec.start(List.of(x), 2);
        assertEquals(6, s.rows());
        int[] previous = new int[s.rows()];
        float[] out = new float[s.rows() * 4];
        float[] steps = new float[6 * 5 * 4];
        for (int t = 0; t < 5; t++) {
            s.step(previous, out);
            for (int r = 0; r < 6; r++) {
                int best = 0;
                for (int k = 0; k < 4; k++) {
                    best = out[r * 4 + k] > out[r * 4 + best] ? k : best;
                }
                previous[r] = best;
                System.arraycopy(out, r * 4, steps, (r * 5 + t) * 4, 4);
            }
        }
        Tensor expected = dec.feedsBack() ? teacherForced(f.model(), x, steps) : f.model().predict(x);
        for (int r = 0; r < 6; r++) {
            assertEquals(r / 2, ((FamilyStepDecoder.Rows) s).sourceOf(r));
            float[] row = java.util.Arrays.copyOfRange(steps, r * 20, r * 20 + 20);
            float[] want = java.util.Arrays.copyOfRange(expected.data(), (r / 2) * 20, (r / 2) * 20 + 20);
            assertAllClose(want, row, 1e-5, f + " row " + r);
        }
    }

    /**
     * The teacher-forced model's training path in inference: fed the argmax tokens the session
     * chose as targets (one-hot), its outputs are the session's, since both read the previous token.
     */
    private static Tensor teacherForced(Seq2SeqModel model, Tensor x, float[] steps) {
        Tensor targets = Tensor.zeros(3, 5, 4);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 5; t++) {
                int best = 0;
                for (int k = 0; k < 4; k++) {
                    best = steps[((2 * b) * 5 + t) * 4 + k] > steps[((2 * b) * 5 + t) * 4 + best] ? k : best;
                }
                targets.data()[(b * 5 + t) * 4 + best] = 1f;
            }
        }
        return model.forward(org.seq2seq4j.layers.CallContext.training(new SplittableRandom(1)), x, targets).outputs()[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void selectRowsMovesEveryStateWithItsRow(Family f) {
        Tensor x = oneHot(new SplittableRandom(6), 2, 6, 4);
        StepDecoder dec = f.model().stepDecoder();
        StepDecoder.Session a = dec.start(List.of(x), 1);
        StepDecoder.Session b = dec.start(List.of(x), 1);
        int[] previous = {1, 2};
        float[] outA = new float[8];
        float[] outB = new float[8];
        a.step(previous, outA);
        b.step(previous, outB);
        b.selectRows(new int[] {1, 0});
        a.step(new int[] {3, 0}, outA);
        b.step(new int[] {0, 3}, outB);
        assertEquals(1, ((FamilyStepDecoder.Rows) b).sourceOf(0));
        assertAllClose(java.util.Arrays.copyOfRange(outA, 4, 8), java.util.Arrays.copyOfRange(outB, 0, 4), 0, f + "");
        assertAllClose(java.util.Arrays.copyOfRange(outA, 0, 4), java.util.Arrays.copyOfRange(outB, 4, 8), 0, f + "");
        if (a.attention() != null) {
            assertEquals(6, b.sourceLength());
            assertAllClose(java.util.Arrays.copyOfRange(a.attention(), 6, 12),
                    java.util.Arrays.copyOfRange(b.attention(), 0, 6), 0, f + " attention");
        }
    }

    @Test
    void attentionStepsReportWeightsThatSkipPaddingAndSumToOne() {
        AttentionSeq2Seq m = new AttentionSeq2Seq.Builder().inputDim(7).hiddenDim(6).outputLength(3).outputDim(5)
                .embedding(4, true).build();
        Tensor ids = Tensor.of(new float[] {3, 1, 4, 1, 5, 0, 0, 2, 6, 0}, 2, 5);
        StepDecoder.Session s = m.stepDecoder().start(List.of(ids), 1);
        float[] out = new float[10];
        s.step(new int[2], out);
        float[] a = s.attention();
        assertEquals(5, s.sourceLength());
        for (int r = 0; r < 2; r++) {
            float sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += a[r * 5 + j];
            }
            assertEquals(1f, sum, 1e-6f);
        }
        assertEquals(0f, a[5], 0f);
        assertEquals(0f, a[1 * 5 + 4], 0f);
        assertTrue(a[0] > 0f && a[7] > 0f, "unmasked steps have weight");
        assertAllClose(m.predict(ids).data(), decoded(m, ids), 1e-5, "token-id model: session equals predict");
    }

    /** Three steps of a fresh session on {@code ids}, row-major (rows, steps, outputDim). */
    private static float[] decoded(AttentionSeq2Seq m, Tensor ids) {
        StepDecoder.Session s = m.stepDecoder().start(List.of(ids), 1);
        float[] out = new float[10];
        float[] all = new float[2 * 3 * 5];
        for (int t = 0; t < 3; t++) {
            s.step(new int[2], out);
            for (int r = 0; r < 2; r++) {
                System.arraycopy(out, r * 5, all, (r * 3 + t) * 5, 5);
            }
        }
        return all;
    }

    static Stream<Arguments> tokenIdFamilies() {
        Seq2Seq4j.seed(3);
        return Stream.of(CellType.values()).flatMap(t -> Stream.of(
                family("SimpleSeq2Seq ids " + t, new SimpleSeq2Seq.Builder().inputDim(7).hiddenDim(12).outputLength(4)
                        .outputDim(5).depth(2).cell(t).embedding(8, true).build()),
                family("Seq2Seq ids " + t, new Seq2Seq.Builder().inputDim(7).hiddenDim(12).outputLength(4).outputDim(5)
                        .depth(2).peek(true).cell(t).embedding(8, true).build()),
                family("AttentionSeq2Seq ids " + t, new AttentionSeq2Seq.Builder().inputDim(7).hiddenDim(12)
                        .outputLength(4).outputDim(5).depth(2).cell(t).embedding(8, true).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenIdFamilies")
    void paddingWithMaskZeroDoesNotChangeTheOutput(Family f) {
        Tensor ids = Tensor.of(new float[] {3, 1, 4, 6, 2}, 1, 5);
        Tensor padded = Tensor.of(new float[] {3, 1, 4, 6, 2, 0, 0, 0}, 1, 8);
        assertAllClose(f.model().predict(ids), f.model().predict(padded), 1e-6, f + ": trailing id-0 steps are masked");
        Tensor other = Tensor.of(new float[] {3, 1, 4, 6, 2, 5, 5, 5}, 1, 8);
        // the models are small and freshly initialised, so a change of input moves the outputs by about 1e-4
        float gap = 0;
        for (int i = 0; i < 20; i++) {
            gap = Math.max(gap, Math.abs(f.model().predict(ids).data()[i] - f.model().predict(other).data()[i]));
        }
        assertTrue(gap > 1e-5, f + ": unmasked steps do change it (by " + gap + ")");
    }

    @Test
    void encoderModelsGiveWhatTheDecodersRead() {
        Seq2Seq s = seq2seq().batchInputShape(Shape.UNKNOWN, 7, 5).build();
        List<Shape> shapes = s.encoderModel().outputs().stream().map(t -> t.shape()).toList();
        assertEquals(List.of(Shape.of(Shape.UNKNOWN, 20), Shape.of(Shape.UNKNOWN, 10), Shape.of(Shape.UNKNOWN, 10)),
                shapes);
        assertEquals(1, seq2seq().broadcastState(false).build().encoderModel().outputCount());
        assertEquals(Shape.of(Shape.UNKNOWN, 7, 10), attention().build().encoderModel().outputs().get(0).shape());
        assertEquals(Shape.of(Shape.UNKNOWN, 10), simple().build().encoderModel().outputs().get(0).shape());
        assertFalse(simple().build().stepDecoder().feedsBack());
        assertTrue(seq2seq().teacherForce(true).build().stepDecoder().feedsBack());
        assertFalse(seq2seq().build().stepDecoder().outputsProbabilities());
        assertTrue(attention().outputActivation("softmax").build().stepDecoder().outputsProbabilities());
        assertNull(simple().build().stepDecoder().start(List.of(Tensor.zeros(1, 3, 5)), 1).attention());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyFamilyIsAModel(Family f, @TempDir Path dir) {
        Seq2SeqModel m = f.model();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        m.summary(new PrintStream(text, true, StandardCharsets.UTF_8));
        String summary = text.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains(String.format(Locale.ROOT, "Total params: %,d", m.countParams())), summary);
        Tensor x = oneHot(new SplittableRandom(8), 16, 6, 4);
        Tensor y = oneHot(new SplittableRandom(9), 16, 5, 4);
        List<Tensor> inputs = m.inputCount() == 2 ? List.of(x, y) : List.of(x);
        m.compile("adam", "categorical_crossentropy");
        History h = m.fit(inputs, y, new FitOptions().batchSize(8).epochs(2).verbose(0));
        assertEquals(2, h.epochs());
        Path file = dir.resolve("m.weights.s2s");
        m.saveWeights(file);
        Seq2SeqModel again = (Seq2SeqModel) families().map(a -> ((Family) a.get()[0]))
                .filter(g -> g.name().equals(f.name())).findFirst().orElseThrow().model();
        again.loadWeights(file);
        assertAllClose(m.predictAll(inputs, 16).get(0), again.predictAll(inputs, 16).get(0), 0, f + " after loading");
    }

    static Tensor oneHot(SplittableRandom r, int batch, int steps, int vocab) {
        Tensor x = Tensor.zeros(batch, steps, vocab);
        for (int i = 0; i < batch * steps; i++) {
            x.data()[i * vocab + r.nextInt(vocab)] = 1f;
        }
        return x;
    }
}
