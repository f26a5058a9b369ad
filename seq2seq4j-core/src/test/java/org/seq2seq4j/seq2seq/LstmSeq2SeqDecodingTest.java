package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Decoding a Keras lstm_seq2seq model (random weights, 12 source and 9 target tokens): beam width
 * 1 is greedy, batches decode as sentences one at a time do, the layers form and the inference
 * models form agree, and a decoding step allocates nothing.
 */
class LstmSeq2SeqDecodingTest {
    private static final int SRC = 12, TGT = 9, UNITS = 16, START = 0, END = 1;

    private static final class Seq2seq {
        final LSTM encoder = new LSTM(UNITS).returnState(true);
        final LSTM decoder = new LSTM(UNITS).returnSequences(true).returnState(true);
        final Dense dense = new Dense(TGT).activation("softmax");
        final Functional training;
        final KerasTensor decoderInputs;
        final List<KerasTensor> states;

        Seq2seq() {
            Seq2Seq4j.seed(11);
            KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, SRC);
            List<KerasTensor> enc = encoder.applyAll(encoderInputs);
            states = enc.subList(1, 3);
            decoderInputs = Input.of(Shape.UNKNOWN, TGT);
            KerasTensor out = decoder.apply(decoderInputs, states.get(0), states.get(1));
            training = Model.of(List.of(encoderInputs, decoderInputs), List.of(dense.apply(out)));
        }

        /** The inference models exactly as the README (and the Keras example) builds them. */
        StepDecoder models() {
            Functional encoderModel = Model.of(List.of(training.inputs().get(0)), states);
            KerasTensor h = Input.of(UNITS);
            KerasTensor c = Input.of(UNITS);
            List<KerasTensor> step = decoder.applyAll(decoderInputs, h, c);
            Functional decoderModel = Model.of(List.of(decoderInputs, h, c), List.of(dense.apply(step.get(0)), step.get(1), step.get(2)));
            return KerasStepDecoder.ofModels(encoderModel, decoderModel, 2);
        }
    }

    private static List<Tensor> sentences(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(7);
            float[] x = new float[len * SRC];
            for (int t = 0; t < len; t++) {
                x[t * SRC + r.nextInt(SRC)] = 1f;
            }
            out.add(Tensor.of(x, 1, len, SRC));
        }
        return out;
    }

    private static Decoder beam(int k) {
        return Decoder.beam(k).nBest(k).startToken(START).endToken(END).maxLength(12);
    }

    @Test
    void beamWidthOneIsGreedyTokenForToken() {
        Seq2seq m = new Seq2seq();
        StepDecoder dec = KerasStepDecoder.ofLstmSeq2seq(m.training);
        Tensor batch = SourcePadding.zeros().pad(sentences(8, 1));
        List<List<Hypothesis>> greedy = Decoder.greedy().startToken(START).endToken(END).maxLength(12).decode(dec, batch);
        List<List<Hypothesis>> beam1 = beam(1).decode(dec, batch);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(greedy.get(i).get(0).tokens(), beam1.get(i).get(0).tokens(), "sentence " + i);
            assertEquals(greedy.get(i).get(0).score(), beam1.get(i).get(0).score(), 1e-6, "sentence " + i);
        }
    }

    @Test
    void batchedBeamSearchEqualsOneSentenceAtATime() {
        Seq2seq m = new Seq2seq();
        StepDecoder dec = KerasStepDecoder.ofLstmSeq2seq(m.training);
        List<Tensor> s = sentences(20, 2);
        // each source stops at its own length + 2, so sources finish at different steps and leave the batch
        List<List<Hypothesis>> batched = beam(4).maxLength(1.0, 2).decodeAll(dec, s, 7, SourcePadding.zeros());
        int distinctBest = 0;
        for (int i = 0; i < s.size(); i++) {
            List<Hypothesis> alone = beam(4).maxLength(1.0, 2).decode(dec, s.get(i)).get(0);
            assertEquals(alone.size(), batched.get(i).size(), "sentence " + i);
            for (int k = 0; k < alone.size(); k++) {
                assertArrayEquals(alone.get(k).tokens(), batched.get(i).get(k).tokens(), "sentence " + i + " hypothesis " + k);
                assertEquals(alone.get(k).score(), batched.get(i).get(k).score(), 1e-5, "sentence " + i + " hypothesis " + k);
            }
            distinctBest += alone.get(0).tokens().length;
        }
        assertTrue(distinctBest > 0, "some output tokens");
    }

    @Test
    void finishedSourcesLeaveTheBatch() {
        Seq2seq m = new Seq2seq();
        StepDecoder inner = KerasStepDecoder.ofLstmSeq2seq(m.training);
        List<Integer> rowsPerStep = new ArrayList<>();
        StepDecoder counting = new StepDecoder() {
            public int outputSize() {
                return inner.outputSize();
            }

            public boolean feedsBack() {
                return true;
            }

            public boolean outputsProbabilities() {
                return true;
            }

            public int maxOutputLength() {
                return inner.maxOutputLength();
            }

            public Session start(List<Tensor> sources, int rowsPerSource) {
                return start(sources, null, rowsPerSource);
            }

            public Session start(List<Tensor> sources, int[] lengths, int rowsPerSource) {
                Session s = inner.start(sources, lengths, rowsPerSource);
                return new Session() {
                    public int rows() {
                        return s.rows();
                    }

                    public void step(int[] previous, float[] out) {
                        rowsPerStep.add(s.rows());
                        s.step(previous, out);
                    }

                    public void selectRows(int[] from) {
                        s.selectRows(from);
                    }

                    public void compact(int[] from, int count) {
                        s.compact(from, count);
                    }

                    public float[] attention() {
                        return null;
                    }

                    public int sourceLength() {
                        return 0;
                    }
                };
            }
        };
        List<Tensor> s = sentences(12, 5);
        int[] lengths0 = s.stream().mapToInt(t -> t.shape().dim(1)).toArray();
        Tensor batch = SourcePadding.zeros().pad(s);
        Decoder relative = beam(3).maxLength(1.0, 1);                 // each source stops at its own length + 1
        List<List<Hypothesis>> out = relative.decode(counting, List.of(batch), lengths0);
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        out.forEach(h -> lengths.add(h.get(0).tokens().length));
        assertTrue(lengths.size() > 1, "outputs of different lengths: " + lengths);
        assertEquals(12 * 3, rowsPerStep.get(0));
        for (int i = 1; i < rowsPerStep.size(); i++) {
            assertTrue(rowsPerStep.get(i) <= rowsPerStep.get(i - 1), "rows never grow: " + rowsPerStep);
        }
        assertTrue(rowsPerStep.get(rowsPerStep.size() - 1) < 12 * 3, "finished sources left: " + rowsPerStep);
        List<List<Hypothesis>> plain = relative.decode(inner, List.of(batch), lengths0);
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(plain.get(i).get(0).tokens(), out.get(i).get(0).tokens());
        }
    }

    @Test
    void layersAndInferenceModelsDecodeAlike() {
        Seq2seq m = new Seq2seq();
        Tensor batch = SourcePadding.zeros().pad(sentences(5, 3));
        List<List<Hypothesis>> fast = beam(3).decode(KerasStepDecoder.ofLstmSeq2seq(m.training), batch);
        List<List<Hypothesis>> models = beam(3).decode(m.models(), batch);
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(models.get(i).get(k).tokens(), fast.get(i).get(k).tokens());
                assertEquals(models.get(i).get(k).score(), fast.get(i).get(k).score(), 1e-5);
            }
        }
    }

    @Test
    void decodingStepsAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "skipped: this JVM cannot count allocated bytes");
        Seq2seq m = new Seq2seq();
        StepDecoder dec = KerasStepDecoder.ofLstmSeq2seq(m.training);
        Tensor x = SourcePadding.zeros().pad(sentences(4, 4));
        for (Decoder d : List.of(Decoder.greedy().startToken(START).endToken(-1),
                Decoder.beam(5).startToken(START).endToken(-1))) {
            long shortRun = 0;
            long longRun = 0;
            for (int rep = 0; rep < 5; rep++) {       // warm up, then keep the last measurement
                shortRun = allocated(threads, () -> d.maxLength(50).decode(dec, x));
                longRun = allocated(threads, () -> d.maxLength(250).decode(dec, x));
            }
            int rows = 4 * d.beamSize();
            // sized by the length, once per call: token histories (two int buffers per row) and the results' tokens
            long buffers = 3L * rows * 4 * 200;
            double perStep = (longRun - shortRun - buffers) / 200.0;
            System.out.printf("%s decoding: %.1f bytes per step beyond the length-sized buffers%n", d.search(), perStep);
            assertTrue(perStep < 64, d.search() + " allocated " + perStep + " bytes per step");
        }
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, Runnable r) {
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        r.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
