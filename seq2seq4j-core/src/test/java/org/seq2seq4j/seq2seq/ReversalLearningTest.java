package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.tensor.Tensor;

/**
 * Every family, with LSTM and with GRU cells, learns to reverse sequences of 6 symbols out of 10
 * (one-hot in and out) to at least 99% of whole sequences right on 1,000 fresh sequences.
 * Seeded; each epoch trains on freshly drawn sequences; Adam, its learning rate cut a few times.
 * Hidden size 64 (96 for SimpleSeq2Seq with LSTM cells). SimpleSeq2Seq has depth (1, 2): one
 * encoder LSTM, decoder LSTM(hidden) and LSTM(output) (with depth 1 its decoder's first LSTM would
 * have only output_dim units, as in the original). SimpleSeq2Seq keeps the original's output (the
 * last LSTM's h) and AttentionSeq2Seq its tanh readout: both learn with mean squared error against
 * the one-hot targets. Seq2Seq ends in a softmax readout and learns with categorical crossentropy.
 * The decoded symbol is the largest output. Each run logs its accuracy, wall and CPU time.
 */
class ReversalLearningTest {
    private static final int LENGTH = 6;
    private static final int VOCAB = 10;

    /** One learning run: the model, its loss, Adam's learning rate, cut by {@code factor} at the epochs {@code cuts}. */
    record Run(String name, Supplier<Seq2SeqModel> model, String loss, double learningRate, double factor, int[] cuts,
               int epochs, int samples, int batch) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Run> runs() {
        String ce = "categorical_crossentropy";
        return Stream.of(
                new Run("SimpleSeq2Seq LSTM", () -> simple().hiddenDim(96).build(), "mse", 0.01, 0.3,
                        new int[] {8, 11, 13}, 14, 4000, 32),
                new Run("SimpleSeq2Seq GRU", () -> simple().cell(CellType.GRU).build(), "mse", 0.01, 0.3,
                        new int[] {8, 12, 14}, 16, 4000, 64),
                new Run("Seq2Seq LSTM", () -> seq2seq().build(), ce, 0.02, 0.3, new int[] {7, 9, 11}, 12, 4000, 64),
                new Run("Seq2Seq GRU", () -> seq2seq().cell(CellType.GRU).build(), ce, 0.02, 0.5,
                        new int[] {4, 6, 8, 10}, 11, 4000, 64),
                new Run("Seq2Seq peek LSTM", () -> seq2seq().peek(true).build(), ce, 0.02, 0.3, new int[] {7, 9}, 10,
                        4000, 64),
                new Run("Seq2Seq peek GRU", () -> seq2seq().peek(true).cell(CellType.GRU).build(), ce, 0.02, 0.5,
                        new int[] {4, 6, 8, 10}, 12, 4000, 64),
                new Run("AttentionSeq2Seq LSTM", () -> attention().build(), "mse", 0.03, 0.3, new int[] {9, 12, 14},
                        15, 4000, 64),
                new Run("AttentionSeq2Seq GRU", () -> attention().cell(CellType.GRU).build(), "mse", 0.03, 0.3,
                        new int[] {9, 12}, 14, 4000, 64));
    }

    private static SimpleSeq2Seq.Builder simple() {
        return new SimpleSeq2Seq.Builder().inputDim(VOCAB).inputLength(LENGTH).hiddenDim(64).outputLength(LENGTH)
                .outputDim(VOCAB).depth(1, 2);
    }

    private static Seq2Seq.Builder seq2seq() {
        return new Seq2Seq.Builder().inputDim(VOCAB).inputLength(LENGTH).hiddenDim(64).outputLength(LENGTH)
                .outputDim(VOCAB).outputActivation("softmax");
    }

    private static AttentionSeq2Seq.Builder attention() {
        return new AttentionSeq2Seq.Builder().inputDim(VOCAB).inputLength(LENGTH).hiddenDim(64).outputLength(LENGTH)
                .outputDim(VOCAB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void learnsToReverseSequences(Run run) {
        long start = System.nanoTime();
        Seq2Seq4j.seed(7);
        long cpu = processCpuNanos();
        Seq2SeqModel model = run.model().get();
        Adam adam = new Adam();
        adam.learningRate(run.learningRate());
        model.compile(adam, Losses.get(run.loss()));
        for (int epoch = 0; epoch < run.epochs(); epoch++) {
            for (int cut : run.cuts()) {
                if (epoch == cut) {
                    adam.learningRate(adam.learningRate() * run.factor());
                }
            }
            Tensor[] train = reversal(run.samples(), new SplittableRandom(1000 + epoch));
            model.fit(train[0], train[1], new FitOptions().batchSize(run.batch()).epochs(1).verbose(0));
        }
        Tensor[] test = reversal(1000, new SplittableRandom(99));
        double exact = exactMatch(model.predictClasses(test[0]), test[1]);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.getLogger(ReversalLearningTest.class.getName()).log(System.Logger.Level.INFO,
                String.format("%s: %.1f%% exact in %.1f s (%.1f s of CPU)", run, 100 * exact, seconds,
                        (processCpuNanos() - cpu) / 1e9));
        assertTrue(exact >= 0.99, String.format("%s reverses %.1f%% of 1,000 fresh sequences exactly (%.1f s)", run,
                100 * exact, seconds));
    }

    /** The CPU time of this JVM's threads so far (all of them: the kernels may use two). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@code n} one-hot sequences and their reversals {@code (n, 6, 10)}. */
    static Tensor[] reversal(int n, SplittableRandom r) {
        Tensor x = Tensor.zeros(n, LENGTH, VOCAB);
        Tensor y = Tensor.zeros(n, LENGTH, VOCAB);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < LENGTH; t++) {
                int v = r.nextInt(VOCAB);
                x.data()[(s * LENGTH + t) * VOCAB + v] = 1f;
                y.data()[(s * LENGTH + LENGTH - 1 - t) * VOCAB + v] = 1f;
            }
        }
        return new Tensor[] {x, y};
    }

    /** The fraction of sequences whose every predicted symbol is the target's. */
    static double exactMatch(int[] predicted, Tensor targets) {
        int n = targets.shape().dim(0);
        int right = 0;
        for (int s = 0; s < n; s++) {
            boolean all = true;
            for (int t = 0; t < LENGTH; t++) {
                int row = s * LENGTH + t;
                all &= targets.data()[row * VOCAB + predicted[row]] == 1f;
            }
            right += all ? 1 : 0;
        }
        return right / (double) n;
    }
}
