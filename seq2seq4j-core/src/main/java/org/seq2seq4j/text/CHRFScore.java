package org.seq2seq4j.text;

/**
 * A chrF score with its summed statistics: for each character n-gram order, the hypothesis n-grams
 * (0 where the reference has none of that order), the reference n-grams and the matches.
 *
 * <pre>{@code
 * CHRFScore s = new CHRF().corpusScore(List.of("aa"), List.of(List.of("ab")));
 * // s.statistics()[0..2] -> [2, 2, 1] (order 1: hyp, ref, match); s.score() -> 25.0 (orders 1 and 2 averaged)
 * }</pre>
 */
public final class CHRFScore extends Score {
    private final long[] statistics;

    CHRFScore(String name, double score, long[] statistics, String signature) {
        super(name, score, signature);
        this.statistics = statistics.clone();
    }

    /** (hypothesis, reference, match) n-gram counts for orders 1, 2, ..., flattened. */
    public long[] statistics() {
        return statistics.clone();
    }
}
