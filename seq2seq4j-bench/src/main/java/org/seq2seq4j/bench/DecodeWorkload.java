package org.seq2seq4j.bench;

import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.tensor.Tensor;

/**
 * {@code decode}: greedy decoding latency of the lstm_seq2seq model at batch 1: encode one
 * 16-step sentence, then 59 decoder steps, each feeding back the argmax token (ms per sentence).
 *
 * <pre>{@code
 * BenchResult r = new DecodeWorkload().run(BenchOptions.defaults().withBatch(1));
 * }</pre>
 */
public final class DecodeWorkload implements Workload {
    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String description() {
        return "greedy decode latency of the lstm_seq2seq model, batch 1, 16 encoder + 59 decoder steps (ms/sentence)";
    }

    @Override
    public BenchResult run(BenchOptions o) {
        Seq2Seq4j.seed(1);
        LstmSeq2Seq model = new LstmSeq2Seq();
        Tensor sentence = TrainingWorkload.oneHot(1, TrainingWorkload.ENC_LEN, TrainingWorkload.ENC_TOKENS,
                new SplittableRandom(0));
        Greedy greedy = new Greedy(model);
        double s = Stopwatch.secondsPerCall(() -> greedy.decode(sentence), o.warmupSeconds(), o.measureSeconds());
        return new BenchResult(name(), 1, o.threads(), Gemms.get().name(), 1 / s, 1000 * s,
                Map.of("ms_per_decoder_step", 1000 * s / TrainingWorkload.DEC_LEN));
    }

    /** Greedy decoding with the decoder stepped one token at a time; no allocation per step. */
    static final class Greedy {
        private final LstmSeq2Seq model;
        private final RecurrentStepper step;
        private final float[] probs = new float[TrainingWorkload.DEC_TOKENS];
        private final int[] token = new int[1];
        final int[] decoded = new int[TrainingWorkload.DEC_LEN];

        Greedy(LstmSeq2Seq model) {
            this.model = model;
            this.step = model.decoder.stepper(1);
        }

        int[] decode(Tensor sentence) {
            Tensor[] enc = model.encoder.call(CallContext.inference(), sentence);
            step.setState(0, enc[1].data(), 0);
            step.setState(1, enc[2].data(), 0);
            Variable kernel = model.dense.weights().get(0);
            Variable bias = model.dense.weights().get(1);
            token[0] = 0;                                              // start token '\t'
            for (int t = 0; t < TrainingWorkload.DEC_LEN; t++) {
                step.stepTokens(token, 0);
                System.arraycopy(bias.value().data(), 0, probs, 0, probs.length);
                Gemms.get().sgemv(true, TrainingWorkload.LATENT, TrainingWorkload.DEC_TOKENS, 1f, kernel.value().data(), 0,
                        TrainingWorkload.DEC_TOKENS, step.output(), 0, 1f, probs, 0);
                ActivationFunction.softmaxRow(probs, 0, probs.length);
                int best = 0;
                for (int j = 1; j < probs.length; j++) {
                    if (probs[j] > probs[best]) {
                        best = j;
                    }
                }
                decoded[t] = best;
                token[0] = best;
            }
            return decoded;
        }
    }
}
