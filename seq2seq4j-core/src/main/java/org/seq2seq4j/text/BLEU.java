package org.seq2seq4j.text;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.seq2seq4j.ConfigException;

/**
 * Corpus BLEU (Papineni et al. 2002) computed as sacreBLEU 2.x computes it: each line is lowercased if
 * asked, right-stripped and tokenized ({@link BleuTokenizer}, {@code 13a} by default); per line the
 * hypothesis n-grams of orders 1..{@code maxNgramOrder} are matched against the most frequent count of
 * each n-gram in any one reference, and the closest reference length (the shorter on ties) is taken;
 * these statistics are summed over the corpus, then turned into the score with the brevity penalty
 * {@code exp(1 - ref/hyp)} and the smoothing ({@link SmoothMethod}, {@code exp} by default). Lines are not
 * dropped: an empty hypothesis still adds its references' length.
 *
 * <p>References come as sacreBLEU takes them: a list of reference streams, each with one line per
 * hypothesis; a null line means that segment has fewer references. Defaults: lowercase false, tokenize
 * {@code 13a}, smooth {@code exp}, max order 4, effective order false (use true for sentence BLEU).
 *
 * <pre>{@code
 * List<String> hyps = List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
 * List<List<String>> refs = List.of(
 *         List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
 *         List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
 * BLEUScore bleu = new BLEU().corpusScore(hyps, refs);
 * // bleu.score() -> 48.530827...; bleu.format(1) ->
 * // BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:... = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 ...)
 * }</pre>
 */
public final class BLEU {
    private boolean lowercase;
    private BleuTokenizer tokenize = BleuTokenizer.MTEVAL_13A;
    private SmoothMethod smoothMethod = SmoothMethod.EXP;
    private Double smoothValue;
    private int maxNgramOrder = 4;
    private boolean effectiveOrder;

    /** Lowercase hypotheses and references before tokenizing (default false). */
    public BLEU lowercase(boolean lowercase) {
        this.lowercase = lowercase;
        return this;
    }

    /** The tokenizer (default {@code 13a}). */
    public BLEU tokenize(BleuTokenizer tokenize) {
        this.tokenize = Objects.requireNonNull(tokenize, "tokenize");
        return this;
    }

    /** The tokenizer by sacreBLEU name: {@code 13a}, {@code intl}, {@code char} or {@code none}. */
    public BLEU tokenize(String name) {
        return tokenize(BleuTokenizer.of(name));
    }

    /** The smoothing method (default {@code exp}). */
    public BLEU smoothMethod(SmoothMethod smoothMethod) {
        this.smoothMethod = Objects.requireNonNull(smoothMethod, "smoothMethod");
        return this;
    }

    /** The value for {@code floor} and {@code add-k}; null (the default) means the method's default. */
    public BLEU smoothValue(Double smoothValue) {
        this.smoothValue = smoothValue;
        return this;
    }

    /** The highest n-gram order (default 4). */
    public BLEU maxNgramOrder(int maxNgramOrder) {
        if (maxNgramOrder < 1) {
            throw ConfigException.argument("BLEU", "max_ngram_order", "at least 1", maxNgramOrder);
        }
        this.maxNgramOrder = maxNgramOrder;
        return this;
    }

    /** Leave out the orders above the last one with any hypothesis n-gram (default false). */
    public BLEU effectiveOrder(boolean effectiveOrder) {
        this.effectiveOrder = effectiveOrder;
        return this;
    }

    /**
     * BLEU of {@code hypotheses} against {@code references}: a list of reference streams, each with exactly
     * one line (or null) per hypothesis.
     */
    public BLEUScore corpusScore(List<String> hypotheses, List<List<String>> references) {
        int n = hypotheses.size();
        checkReferences("BLEU", n, references);
        int order = maxNgramOrder;
        long[] correct = new long[order];
        long[] total = new long[order];
        long sysLen = 0;
        long refLen = 0;
        TokenIds ids = new TokenIds();
        NgramTable table = new NgramTable();
        Symbols buf = new Symbols();
        int[] refEnd = new int[references.size() + 1];
        int nrefs = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            buf.size = 0;
            ids.append(preprocess(hypotheses.get(i)), buf);
            int hypLen = buf.size;
            int refs = 0;
            refEnd[0] = hypLen;
            for (List<String> stream : references) {
                String r = stream.get(i);
                if (r != null) {
                    ids.append(preprocess(r), buf);
                    refEnd[++refs] = buf.size;
                }
            }
            nrefs = nrefs == Integer.MIN_VALUE || nrefs == refs ? refs : -1;
            sysLen += hypLen;
            refLen += closestRefLength(hypLen, refEnd, refs);
            for (int k = 1; k <= order; k++) {
                table.reset(buf.data, k, refEnd[refs] - hypLen);
                for (int r = 0; r < refs; r++) {
                    table.addReference(r, refEnd[r], refEnd[r + 1]);
                }
                correct[k - 1] += table.match(0, hypLen);
                total[k - 1] += Math.max(0, hypLen - k + 1);
            }
        }
        return fromStatistics(correct, total, sysLen, refLen, nrefs == Integer.MIN_VALUE ? references.size() : nrefs);
    }

    /** BLEU of one hypothesis against its references (sacreBLEU's {@code sentence_score}). */
    public BLEUScore sentenceScore(String hypothesis, List<String> references) {
        return corpusScore(List.of(hypothesis), references.stream().map(List::of).toList());
    }

    /**
     * The score from summed statistics, as sacreBLEU's {@code BLEU.compute_bleu} with this object's
     * smoothing and order settings: {@code correct[k]} matched and {@code total[k]} hypothesis n-grams of
     * order k+1, the hypothesis and reference lengths, and the reference count for the signature.
     */
    public BLEUScore fromStatistics(long[] correct, long[] total, long sysLen, long refLen, int nrefs) {
        int order = maxNgramOrder;
        if (correct.length != order || total.length != order) {
            throw ConfigException.argument("BLEU", "statistics", "arrays of length max_ngram_order=" + order,
                    correct.length + " and " + total.length);
        }
        double value = smoothValue != null ? smoothValue : smoothMethod.defaultValue() != null
                ? smoothMethod.defaultValue() : 0;
        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
        }
        double[] precisions = new double[order];
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c != 0;
        }
        String signature = Score.signature(nrefs, signatureEntries());
        if (!anyMatch) {
            return new BLEUScore(0.0, correct, total, precisions, bp, sysLen, refLen, signature);
        }
        double smoothMteval = 1.0;
        int effOrder = order;
        for (int k = 1; k <= order; k++) {
            double c = correct[k - 1];
            double t = total[k - 1];
            if (smoothMethod == SmoothMethod.ADD_K && k > 1) {
                c += value;
                t += value;
            }
            if (t == 0) {
                break;
            }
            if (effectiveOrder) {
                effOrder = k;
            }
            if (c == 0) {
                if (smoothMethod == SmoothMethod.EXP) {
                    smoothMteval *= 2;
                    precisions[k - 1] = 100.0 / (smoothMteval * t);
                } else if (smoothMethod == SmoothMethod.FLOOR) {
                    precisions[k - 1] = 100.0 * value / t;
                }
            } else {
                precisions[k - 1] = 100.0 * c / t;
            }
        }
        double logSum = 0;
        for (int k = 0; k < effOrder; k++) {
            logSum += precisions[k] == 0.0 ? -9999999999.0 : Math.log(precisions[k]);  // sacreBLEU's my_log
        }
        return new BLEUScore(bp * Math.exp(logSum / effOrder), correct, total, precisions, bp, sysLen, refLen,
                signature);
    }

    /** The signature entries after {@code nrefs}: case, eff, tok, smooth. */
    private String signatureEntries() {
        String smooth = smoothMethod.signature();
        if (smoothMethod.defaultValue() != null) {
            smooth += "[" + PyText.fixed(smoothValue != null ? smoothValue : smoothMethod.defaultValue(), 2) + "]";
        }
        return "case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes" : "no") + "|tok:"
                + tokenize.signature() + "|smooth:" + smooth;
    }

    private String preprocess(String line) {
        return tokenize.tokenize(PyText.rstrip(lowercase ? line.toLowerCase(Locale.ROOT) : line));
    }

    /** The reference length closest to {@code hypLen}; the shorter one on ties; 0 without references. */
    private static int closestRefLength(int hypLen, int[] refEnd, int refs) {
        int best = -1;
        int bestDiff = -1;
        for (int r = 0; r < refs; r++) {
            int len = refEnd[r + 1] - refEnd[r];
            int diff = Math.abs(hypLen - len);
            if (bestDiff < 0 || diff < bestDiff || (diff == bestDiff && len < best)) {
                bestDiff = diff;
                best = len;
            }
        }
        return Math.max(best, 0);
    }

    /** Every reference stream must have one line per hypothesis. */
    static void checkReferences(String metric, int lines, List<List<String>> references) {
        if (references.isEmpty()) {
            throw ConfigException.argument(metric, "references", "at least one reference stream", "none");
        }
        for (int k = 0; k < references.size(); k++) {
            if (references.get(k).size() != lines) {
                throw ConfigException.argument(metric, "references[" + k + "]",
                        lines + " lines, one per hypothesis", references.get(k).size() + " lines");
            }
        }
    }
}
