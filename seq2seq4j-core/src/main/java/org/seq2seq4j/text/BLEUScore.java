package org.seq2seq4j.text;

import java.util.Arrays;

/**
 * A BLEU score with the statistics it came from: matched and total n-grams per order, precisions (in
 * percent), brevity penalty and the hypothesis/reference lengths in tokens.
 *
 * <pre>{@code
 * BLEUScore s = new BLEU().corpusScore(List.of("the cat sat"), List.of(List.of("the cat sat down")));
 * // s.bp() -> exp(1 - 4/3); s.counts() -> [3, 2, 1, 0]; s.totals() -> [3, 2, 1, 0]
 * }</pre>
 */
public final class BLEUScore extends Score {
    private final long[] counts;
    private final long[] totals;
    private final double[] precisions;
    private final double bp;
    private final long sysLen;
    private final long refLen;

    BLEUScore(double score, long[] counts, long[] totals, double[] precisions, double bp, long sysLen, long refLen,
            String signature) {
        super("BLEU", score, signature);
        this.counts = counts.clone();
        this.totals = totals.clone();
        this.precisions = precisions.clone();
        this.bp = bp;
        this.sysLen = sysLen;
        this.refLen = refLen;
    }

    /** Matched (clipped) n-grams of each order 1..maxNgramOrder, before any add-k smoothing. */
    public long[] counts() {
        return counts.clone();
    }

    /** Hypothesis n-grams of each order, before any add-k smoothing. */
    public long[] totals() {
        return totals.clone();
    }

    /** The (smoothed) n-gram precisions in percent. */
    public double[] precisions() {
        return precisions.clone();
    }

    /** The brevity penalty: 1 if the hypotheses are at least as long as the references, else exp(1 - r/h). */
    public double bp() {
        return bp;
    }

    /** Hypothesis length in tokens. */
    public long sysLen() {
        return sysLen;
    }

    /** Length of the closest references in tokens. */
    public long refLen() {
        return refLen;
    }

    /** sysLen / refLen, 0 when there are no reference tokens. */
    public double ratio() {
        return refLen == 0 ? 0 : (double) sysLen / refLen;
    }

    /** {@code 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}, as sacreBLEU. */
    @Override
    public String verbose() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < precisions.length; i++) {
            sb.append(i == 0 ? "" : "/").append(PyText.fixed(precisions[i], 1));
        }
        return sb + " (BP = " + PyText.fixed(bp, 3) + " ratio = " + PyText.fixed(ratio(), 3) + " hyp_len = " + sysLen
                + " ref_len = " + refLen + ")";
    }

    @Override
    public String toString() {
        return format(2) + " counts=" + Arrays.toString(counts) + " totals=" + Arrays.toString(totals);
    }
}
