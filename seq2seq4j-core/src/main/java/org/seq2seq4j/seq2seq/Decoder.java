package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Tensor;

/**
 * Turns a {@link StepDecoder} into output sequences: {@link #greedy()}, {@link #beam(int)} search
 * or {@link #sample(double, int, long) sampling}, each step choosing a token per row and feeding
 * it back. The options have the names production toolkits use (CTranslate2, OpenNMT, fairseq):
 * {@link #beamSize}, {@link #lengthPenalty}, {@link #coveragePenalty} (GNMT, for models with
 * attention), {@link #nBest}, {@link #maxLength} (absolute, or {@code a * sourceLength + b}),
 * {@link #minLength} (the end token is masked until then), {@link #noRepeatNgramSize},
 * {@link #startToken}, {@link #endToken} and {@link #returnAttention}.
 *
 * <p>A batch is decoded at once: beams are rows of one batch ({@code batch × beam}), every step
 * is one step of the model for all rows, and per-step work reuses buffers sized up front.
 * {@link #decodeAll} sorts many sentences by length into batches. Results come per source, the
 * n-best list sorted by normalised score, best first.
 *
 * <pre>{@code
 * StepDecoder model = KerasStepDecoder.ofLstmSeq2seq(encoderLstm, decoderLstm, decoderDense);
 * List<List<Hypothesis>> out = Decoder.beam(5).nBest(3).startToken(tab).endToken(newline)
 *         .maxLength(60).decode(model, encoderInput);          // encoderInput (batch, timesteps, tokens)
 * int[] best = out.get(0).get(0).tokens();
 * }</pre>
 */
public final class Decoder {
    /** The search a decoder runs. */
    public enum Search { GREEDY, BEAM, SAMPLE }

    private final Search search;
    private int beamSize;
    private int nBest = 1;
    private LengthPenalty lengthPenalty = LengthPenalty.average(1.0);
    private double coveragePenalty;
    private int maxLength = 256;
    private double maxLengthA;
    private boolean relativeMaxLength;
    private int minLength;
    private int noRepeatNgramSize;
    private int startToken;
    private int endToken = -1;
    private boolean returnAttention;
    private double temperature = 1.0;
    private int topK;
    private long seed;

    private Decoder(Search search, int beamSize) {
        this.search = search;
        beamSize(beamSize);
    }

    /** The most likely token at every step. */
    public static Decoder greedy() {
        return new Decoder(Search.GREEDY, 1);
    }

    /** Beam search keeping {@code k} hypotheses per source. */
    public static Decoder beam(int k) {
        return new Decoder(Search.BEAM, k);
    }

    /**
     * Sampling from the model's distribution sharpened or flattened by {@code temperature}
     * ({@code p^(1/T)} renormalised), among the {@code topK} most likely tokens (0: all), from a
     * stream seeded with {@code seed}. Top-k 1 is greedy.
     */
    public static Decoder sample(double temperature, int topK, long seed) {
        Decoder d = new Decoder(Search.SAMPLE, 1);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw ConfigException.argument("sample", "temperature", "a finite number > 0", temperature);
        }
        if (topK < 0) {
            throw ConfigException.argument("sample", "topK", ">= 0 (0 keeps every token)", topK);
        }
        d.temperature = temperature;
        d.topK = topK;
        d.seed = seed;
        return d;
    }

    public Search search() {
        return search;
    }

    /** The number of hypotheses kept per source (beam search); at least 1. */
    public Decoder beamSize(int k) {
        if (k < 1) {
            throw ConfigException.argument("Decoder", "beamSize", "an integer >= 1", k);
        }
        if (search != Search.BEAM && k != 1) {
            throw ConfigException.argument("Decoder", "beamSize", "1 for " + search.name().toLowerCase() + " decoding", k);
        }
        beamSize = k;
        if (nBest > k) {
            nBest = k;
        }
        return this;
    }

    public int beamSize() {
        return beamSize;
    }

    /** How many hypotheses to return per source, best first; at most {@link #beamSize}. */
    public Decoder nBest(int n) {
        if (n < 1 || n > beamSize) {
            throw ConfigException.argument("Decoder", "nBest", "an integer in [1, beamSize = " + beamSize + "]", n);
        }
        nBest = n;
        return this;
    }

    /** How finished hypotheses of different lengths are compared (default average with alpha 1). */
    public Decoder lengthPenalty(LengthPenalty p) {
        if (p == null) {
            throw ConfigException.argument("Decoder", "lengthPenalty", "a LengthPenalty", null);
        }
        lengthPenalty = p;
        return this;
    }

    /**
     * GNMT's coverage penalty with weight {@code beta}: {@code beta · Σ_j log(min(Σ_i a_ij, 1))} is
     * added to a finished hypothesis's normalised score ({@code a_ij} its attention of step i on source
     * step j); needs a model with attention. 0 (default) turns it off.
     */
    public Decoder coveragePenalty(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw ConfigException.argument("Decoder", "coveragePenalty", "a finite number >= 0", beta);
        }
        coveragePenalty = beta;
        return this;
    }

    /** At most {@code n} generated tokens (end token included), and at most what the model can give. */
    public Decoder maxLength(int n) {
        if (n < 1) {
            throw ConfigException.argument("Decoder", "maxLength", "an integer >= 1", n);
        }
        maxLength = n;
        relativeMaxLength = false;
        return this;
    }

    /** At most {@code a · sourceLength + b} generated tokens (rounded down, at least 1). */
    public Decoder maxLength(double a, int b) {
        if (!(a >= 0) || Double.isInfinite(a) || b < 0 || (a == 0 && b < 1)) {
            throw ConfigException.argument("Decoder", "maxLength", "a >= 0 and b >= 0 giving at least 1", a + " * len + " + b);
        }
        maxLengthA = a;
        maxLength = b;
        relativeMaxLength = true;
        return this;
    }

    /** The end token cannot come before {@code n} tokens were generated. */
    public Decoder minLength(int n) {
        if (n < 0) {
            throw ConfigException.argument("Decoder", "minLength", "an integer >= 0", n);
        }
        minLength = n;
        return this;
    }

    /** No n-gram of this size appears twice in an output (0: no constraint). */
    public Decoder noRepeatNgramSize(int n) {
        if (n < 0) {
            throw ConfigException.argument("Decoder", "noRepeatNgramSize", "an integer >= 0", n);
        }
        noRepeatNgramSize = n;
        return this;
    }

    /** The token fed back at the first step (default 0). */
    public Decoder startToken(int token) {
        startToken = token;
        return this;
    }

    /** The token that ends an output (default none: outputs run to the maximum length). */
    public Decoder endToken(int token) {
        endToken = token;
        return this;
    }

    /** Keep each hypothesis's attention rows (models with attention). */
    public Decoder returnAttention(boolean b) {
        returnAttention = b;
        return this;
    }

    /** Decodes the batch of sources (the model's inputs, batch first); one n-best list per source. */
    public List<List<Hypothesis>> decode(StepDecoder model, Tensor... sources) {
        if (sources.length == 0) {
            throw ConfigException.argument("Decoder", "sources", "at least one input tensor", 0);
        }
        int n = sources[0].shape().dim(0);
        int steps = sources[0].shape().rank() > 1 ? sources[0].shape().dim(1) : 1;
        int[] lengths = new int[n];
        java.util.Arrays.fill(lengths, steps);
        return decode(model, List.of(sources), lengths);
    }

    /**
     * Decodes a batch whose sources have the given lengths (timesteps before padding), which the
     * relative {@link #maxLength(double, int)} uses.
     */
    public List<List<Hypothesis>> decode(StepDecoder model, List<Tensor> sources, int[] sourceLengths) {
        check(model);
        int batch = sources.get(0).shape().dim(0);
        if (sourceLengths.length != batch) {
            throw new ShapeException("Decoder sourceLengths", "one length per source (" + batch + ")",
                    org.seq2seq4j.tensor.Shape.of(sourceLengths.length));
        }
        int[] limits = new int[batch];
        for (int b = 0; b < batch; b++) {
            int limit = relativeMaxLength ? Math.max(1, (int) Math.floor(maxLengthA * sourceLengths[b]) + maxLength)
                    : maxLength;
            limits[b] = Math.min(limit, model.maxOutputLength());
        }
        return new DecodeLoop(this, model, sources, batch, limits).run();
    }

    /**
     * Decodes many sentences, each its own batch-of-one tensor of the model's single input
     * ({@code (1, timesteps, ...)}), in batches of up to {@code batchSize} sentences of similar
     * length: sorted by length, padded at the end by {@code padding}. Results in the input order.
     */
    public List<List<Hypothesis>> decodeAll(StepDecoder model, List<Tensor> sentences, int batchSize, SourcePadding padding) {
        if (batchSize < 1) {
            throw ConfigException.argument("Decoder", "batchSize", "an integer >= 1", batchSize);
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> sentences.get(i).shape().dim(1)));
        List<List<Hypothesis>> out = new ArrayList<>(java.util.Collections.nCopies(sentences.size(), null));
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<Tensor> batch = new ArrayList<>();
            int[] lengths = new int[to - from];
            for (int i = from; i < to; i++) {
                Tensor s = sentences.get(order[i]);
                batch.add(s);
                lengths[i - from] = s.shape().dim(1);
            }
            List<List<Hypothesis>> decoded = decode(model, List.of(padding.pad(batch)), lengths);
            for (int i = from; i < to; i++) {
                out.set(order[i], decoded.get(i - from));
            }
        }
        return out;
    }

    private void check(StepDecoder model) {
        if (model == null) {
            throw ConfigException.argument("Decoder", "model", "a StepDecoder (a seq2seq model's stepDecoder())", null);
        }
        int v = model.outputSize();
        if (endToken >= v || endToken < -1) {
            throw ConfigException.argument("Decoder", "endToken", "a token id in [0, " + v + ") or -1 for none", endToken);
        }
        if (model.feedsBack() && (startToken < 0 || startToken >= v)) {
            throw ConfigException.argument("Decoder", "startToken", "a token id in [0, " + v + ")", startToken);
        }
        if (search != Search.GREEDY && !model.outputsProbabilities()) {
            throw ConfigException.argument("Decoder", "model", "outputs that are probabilities (a softmax) for "
                    + search.name().toLowerCase() + " decoding", "a model with other outputs; use greedy decoding");
        }
        if (coveragePenalty > 0 && search == Search.BEAM && !hasAttention(model)) {
            throw ConfigException.argument("Decoder", "coveragePenalty", "a model with attention", coveragePenalty);
        }
    }

    private static boolean hasAttention(StepDecoder model) {
        return model instanceof AttentionAware a && a.hasAttention();
    }

    /** Implemented by step decoders that know before decoding whether they give attention rows. */
    public interface AttentionAware {
        boolean hasAttention();
    }

    // accessors for the search
    int nBestCount() {
        return nBest;
    }

    LengthPenalty penalty() {
        return lengthPenalty;
    }

    double coverageWeight() {
        return coveragePenalty;
    }

    int minLengthValue() {
        return minLength;
    }

    int noRepeat() {
        return noRepeatNgramSize;
    }

    int start() {
        return startToken;
    }

    int end() {
        return endToken;
    }

    boolean keepAttention() {
        return returnAttention || coveragePenalty > 0;
    }

    boolean attentionInResults() {
        return returnAttention;
    }

    double temperatureValue() {
        return temperature;
    }

    int topKValue() {
        return topK;
    }

    long seedValue() {
        return seed;
    }
}
