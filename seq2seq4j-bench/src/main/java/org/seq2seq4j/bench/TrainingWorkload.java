package org.seq2seq4j.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * A training-throughput workload on the lstm_seq2seq shapes (encoder tokens 71, decoder tokens 93,
 * encoder length 16, decoder length 59, one-hot data): builds a compiled functional model and
 * times {@link Model#trainOnBatch} — forward, backward and the optimizer update — in samples/s.
 */
abstract class TrainingWorkload implements Workload {
    static final int ENC_TOKENS = 71;
    static final int DEC_TOKENS = 93;
    static final int ENC_LEN = 16;
    static final int DEC_LEN = 59;
    static final int LATENT = 256;

    /** The compiled model taking {@code [encoder input, decoder input]}. */
    abstract Model model();

    @Override
    public BenchResult run(BenchOptions o) {
        Seq2Seq4j.seed(1);
        Model model = model();
        SplittableRandom r = new SplittableRandom(o.batch());
        List<Tensor> x = List.of(oneHot(o.batch(), ENC_LEN, ENC_TOKENS, r), oneHot(o.batch(), DEC_LEN, DEC_TOKENS, r));
        List<Tensor> y = List.of(oneHot(o.batch(), DEC_LEN, DEC_TOKENS, r));
        float[] loss = new float[1];
        Timing t = Stopwatch.measure(() -> loss[0] = model.trainOnBatch(x, y), o);
        return BenchResult.of(name(), o.batch(), o.threads(), Gemms.get().name(), o.batch(), t,
                Map.of("params", (double) model.countParams(), "final_loss", (double) loss[0]));
    }

    /** Random one-hot sequences {@code (batch, steps, tokens)}. */
    static Tensor oneHot(int batch, int steps, int tokens, SplittableRandom random) {
        Tensor t = Tensor.zeros(batch, steps, tokens);
        for (int i = 0; i < batch * steps; i++) {
            t.data()[i * tokens + random.nextInt(tokens)] = 1f;
        }
        return t;
    }
}
