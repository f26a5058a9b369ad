package org.seq2seq4j.bench;

import static org.seq2seq4j.bench.EchoTask.ECHOED;
import static org.seq2seq4j.bench.EchoTask.TIMESTEPS;

import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * One repeat of the echo experiment of the encoder-decoder attention tutorial, as the PyTorch
 * peer runs it ({@code w1_echo.py}, {@code w7_echo_attention.py}): a fresh {@link EchoModel} trained
 * for {@code steps} Adam updates, each on a batch of {@code batch} freshly generated {@link EchoTask}
 * pairs ({@code steps * batch} samples; at batch 1 the tutorial's loop of one new pair per
 * update), then scored on {@code eval} fresh pairs predicted one at a time: a pair counts when
 * the argmax of all 5 output steps equals its 5 target integers. Weights come from
 * {@code Seq2Seq4j.seed(seed)}, data from {@code new SplittableRandom(seed)} (training pairs
 * first, then the scored ones). Only the training updates are timed; each batch is generated
 * before its update, off the clock.
 *
 * <pre>{@code
 * // seed 1, 200 updates of batch 1, 10 pairs scored (the tutorial: 5000 updates, 100 pairs)
 * EchoExperiment.Result r = EchoExperiment.run(EchoModel.ATTENTION, 1, 200, 1, 10);
 * r.accuracy();    // fraction of the 10 pairs decoded exactly (~0.96 after 5000 updates)
 * r.msPerStep();   // training time per update
 * }</pre>
 */
public final class EchoExperiment {
    private EchoExperiment() {
    }

    /**
     * What one repeat gave.
     *
     * @param accuracy       fraction of the scored pairs whose 5 steps are all right
     * @param accuracyFirst2 fraction whose first 2 steps (the echoed integers) are right
     * @param trainSeconds   seconds spent in the training updates
     * @param steps          training updates
     * @param finalLoss      loss of the last training batch (before its update)
     * @param params         the model's parameter count
     */
    public record Result(double accuracy, double accuracyFirst2, double trainSeconds, int steps, float finalLoss,
                         int params) {
        /** Milliseconds per training update. */
        public double msPerStep() {
            return 1000 * trainSeconds / steps;
        }
    }

    /** Trains and scores one {@code model} as the class describes; steps, batch and eval must be positive. */
    public static Result run(EchoModel model, long seed, int steps, int batch, int eval) {
        positive("steps", steps);
        positive("batch", batch);
        positive("eval", eval);
        Seq2Seq4j.seed(seed);
        Model m = model.build();
        SplittableRandom data = new SplittableRandom(seed);
        long nanos = 0;
        float loss = Float.NaN;
        for (int step = 0; step < steps; step++) {
            int[] x = EchoTask.sequences(batch, data);
            List<Tensor> in = List.of(EchoTask.oneHot(x, 0, batch));
            List<Tensor> target = List.of(EchoTask.oneHot(EchoTask.targets(x), 0, batch));
            long t0 = System.nanoTime();
            loss = m.trainOnBatch(in, target);
            nanos += System.nanoTime() - t0;
        }
        int[] x = EchoTask.sequences(eval, data);
        int[] y = EchoTask.targets(x);
        int all = 0;
        int first2 = 0;
        for (int i = 0; i < eval; i++) {
            int[] predicted = m.predictClasses(EchoTask.oneHot(x, i, 1));
            int right = 0;
            while (right < TIMESTEPS && predicted[right] == y[i * TIMESTEPS + right]) {
                right++;
            }
            all += right == TIMESTEPS ? 1 : 0;
            first2 += right >= ECHOED ? 1 : 0;
        }
        return new Result((double) all / eval, (double) first2 / eval, nanos / 1e9, steps, loss, m.countParams());
    }

    private static void positive(String argument, int value) {
        if (value < 1) {
            throw ConfigException.argument("EchoExperiment", argument, "a positive integer", value);
        }
    }
}
