package org.seq2seq4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.KerasStepDecoder;
import org.seq2seq4j.seq2seq.SourcePadding;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.Tensor;

/**
 * Decoding the lstm_seq2seq model with the library's {@link Decoder} (16-step sentences, 59
 * decoder steps each, no end token, as the PyTorch peer's W3): {@code decode} is greedy latency
 * at batch 1 (ms per sentence), {@code decode_beam} beam search with 5 beams at batch 1 (ms per
 * sentence), {@code decode_batched} greedy decoding of 1,000 sentences in batches of
 * {@code --batch} (sentences per second).
 *
 * <pre>{@code
 * BenchResult r = DecodeWorkload.greedy().run(BenchOptions.defaults().withBatch(1));
 * }</pre>
 */
public final class DecodeWorkload implements Workload {
    private static final int SENTENCES = 1000;

    private enum Kind { GREEDY, BEAM, BATCHED }

    private final Kind kind;

    private DecodeWorkload(Kind kind) {
        this.kind = kind;
    }

    /** {@code decode}. */
    public static DecodeWorkload greedy() {
        return new DecodeWorkload(Kind.GREEDY);
    }

    /** {@code decode_beam}. */
    public static DecodeWorkload beam() {
        return new DecodeWorkload(Kind.BEAM);
    }

    /** {@code decode_batched}. */
    public static DecodeWorkload batched() {
        return new DecodeWorkload(Kind.BATCHED);
    }

    @Override
    public String name() {
        return switch (kind) {
            case GREEDY -> "decode";
            case BEAM -> "decode_beam";
            case BATCHED -> "decode_batched";
        };
    }

    @Override
    public String description() {
        return switch (kind) {
            case GREEDY -> "greedy decode latency of the lstm_seq2seq model, batch 1, 16 encoder + 59 decoder steps (ms/sentence)";
            case BEAM -> "beam search (5 beams) latency of the lstm_seq2seq model, batch 1, 59 decoder steps (ms/sentence)";
            case BATCHED -> "greedy decoding of 1,000 sentences in batches of --batch, 59 decoder steps (sentences/s)";
        };
    }

    @Override
    public BenchResult run(BenchOptions o) {
        Seq2Seq4j.seed(1);
        LstmSeq2Seq model = new LstmSeq2Seq();
        StepDecoder steps = KerasStepDecoder.ofLstmSeq2seq(model.encoder, model.decoder, model.dense);
        Decoder decoder = (kind == Kind.BEAM ? Decoder.beam(5) : Decoder.greedy()).startToken(0).endToken(-1)
                .maxLength(TrainingWorkload.DEC_LEN);
        SplittableRandom r = new SplittableRandom(0);
        if (kind == Kind.BATCHED) {
            List<Tensor> corpus = new ArrayList<>();
            for (int i = 0; i < SENTENCES; i++) {
                corpus.add(TrainingWorkload.oneHot(1, TrainingWorkload.ENC_LEN, TrainingWorkload.ENC_TOKENS, r));
            }
            Timing t = Stopwatch.measure(() -> decoder.decodeAll(steps, corpus, o.batch(), SourcePadding.zeros()), o);
            return BenchResult.of(name(), o.batch(), o.threads(), Gemms.get().name(), SENTENCES, t,
                    Map.of("sentences_per_s", SENTENCES / t.median()));
        }
        Tensor sentence = TrainingWorkload.oneHot(1, TrainingWorkload.ENC_LEN, TrainingWorkload.ENC_TOKENS, r);
        Timing t = Stopwatch.measure(() -> decoder.decode(steps, sentence), o);
        return BenchResult.of(name(), 1, o.threads(), Gemms.get().name(), 1, t, Map.of("ms_per_sentence", 1000 * t.median(),
                "ms_per_sentence_min", 1000 * t.min(), "ms_per_sentence_max", 1000 * t.max(),
                "ms_per_decoder_step", 1000 * t.median() / TrainingWorkload.DEC_LEN));
    }
}
