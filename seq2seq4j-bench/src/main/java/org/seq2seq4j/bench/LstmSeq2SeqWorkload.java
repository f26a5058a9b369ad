package org.seq2seq4j.bench;

import org.seq2seq4j.models.Model;

/**
 * {@code lstm_seq2seq}: training throughput (samples/s) of the Keras character-level
 * encoder-decoder example (see {@link LstmSeq2Seq}), forward + backward + RMSprop per step.
 *
 * <pre>{@code
 * BenchResult r = new LstmSeq2SeqWorkload().run(BenchOptions.defaults().withBatch(64));
 * }</pre>
 */
public final class LstmSeq2SeqWorkload extends TrainingWorkload {
    @Override
    public String name() {
        return "lstm_seq2seq";
    }

    @Override
    public String description() {
        return "training samples/s of the Keras lstm_seq2seq example (71/93 tokens, 16/59 steps, latent 256, rmsprop)";
    }

    @Override
    Model model() {
        return new LstmSeq2Seq().model;
    }
}
