package org.seq2seq4j.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * {@code echo} and {@code echo_attention}: the training step of the tutorial's echo experiment
 * ({@link EchoExperiment}) for the {@link EchoModel#BASELINE} or {@link EchoModel#ATTENTION} model,
 * timed as the PyTorch peer times its training loop ({@code w1_echo.py}, {@code w7_echo_attention.py}):
 * one {@link Model#trainOnBatch} (forward, backward, Adam) per step on pre-generated one-hot
 * batches, here after the warm-up. Reports ms/step and samples/s at the given batch.
 *
 * <pre>{@code
 * // the same as Workloads.byName("echo_attention")
 * BenchResult r = EchoWorkload.attention().run(BenchOptions.defaults().withBatch(1));
 * r.msPerStep();   // milliseconds per training step of batch 1
 * }</pre>
 */
public final class EchoWorkload implements Workload {
    /** Distinct pre-generated batches the steps cycle through. */
    private static final int BATCHES = 64;

    private final EchoModel model;

    private EchoWorkload(EchoModel model) {
        this.model = model;
    }

    /** {@code echo}: the baseline encoder-decoder. */
    public static EchoWorkload baseline() {
        return new EchoWorkload(EchoModel.BASELINE);
    }

    /** {@code echo_attention}: the LSTM encoder with the attention decoder. */
    public static EchoWorkload attention() {
        return new EchoWorkload(EchoModel.ATTENTION);
    }

    @Override
    public String name() {
        return model == EchoModel.BASELINE ? "echo" : "echo_attention";
    }

    @Override
    public String description() {
        return "training ms/step of the echo tutorial's " + model.label() + " model, adam: " + model.architecture();
    }

    @Override
    public BenchResult run(BenchOptions o) {
        Seq2Seq4j.seed(1);
        Model m = model.build();
        SplittableRandom r = new SplittableRandom(1);
        int b = o.batch();
        int[] x = EchoTask.sequences(BATCHES * b, r);
        int[] y = EchoTask.targets(x);
        Tensor[] xs = new Tensor[BATCHES];
        Tensor[] ys = new Tensor[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            xs[i] = EchoTask.oneHot(x, i * b, b);
            ys[i] = EchoTask.oneHot(y, i * b, b);
        }
        int[] step = new int[1];
        float[] loss = new float[1];
        Timing t = Stopwatch.measure(() -> {
            int i = step[0];
            step[0] = (i + 1) % BATCHES;
            loss[0] = m.trainOnBatch(List.of(xs[i]), List.of(ys[i]));
        }, o);
        return BenchResult.of(name(), b, o.threads(), Gemms.get().name(), b, t,
                Map.of("params", (double) m.countParams(), "final_loss", (double) loss[0]));
    }
}
