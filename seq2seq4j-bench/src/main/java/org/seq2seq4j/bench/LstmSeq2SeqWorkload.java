package org.seq2seq4j.bench;

import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.tensor.Tensor;

/**
 * {@code lstm_seq2seq}: training throughput (samples/s) of the Keras character-level
 * encoder-decoder example (see {@link LstmSeq2Seq}), forward + backward + RMSprop per step.
 *
 * <pre>{@code
 * BenchResult r = new LstmSeq2SeqWorkload().run(BenchOptions.defaults().withBatch(64));
 * }</pre>
 */
public final class LstmSeq2SeqWorkload implements Workload {
    @Override
    public String name() {
        return "lstm_seq2seq";
    }

    @Override
    public String description() {
        return "training samples/s of the Keras lstm_seq2seq example (71/93 tokens, 16/59 steps, latent 256, rmsprop)";
    }

    @Override
    public BenchResult run(BenchOptions o) {
        Seq2Seq4j.seed(1);
        LstmSeq2Seq model = LstmSeq2Seq.create();
        Tensor[] b = LstmSeq2Seq.oneHotBatch(o.batch(), new SplittableRandom(o.batch()));
        float[] loss = new float[1];
        double s = Stopwatch.secondsPerCall(() -> loss[0] = model.trainStep(b[0], b[1], b[2]),
                o.warmupSeconds(), o.measureSeconds());
        return new BenchResult(name(), o.batch(), o.threads(), Gemms.get().name(), o.batch() / s, 1000 * s,
                Map.of("final_loss", (double) loss[0]));
    }
}
