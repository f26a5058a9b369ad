package org.seq2seq4j.text;

/**
 * An exact-match score: how many of the hypotheses equal one of their references, in percent.
 *
 * <pre>{@code
 * ExactMatchScore s = new ExactMatch().corpusScore(List.of("a", "b"), List.of(List.of("a", "c")));
 * // s.matches() -> 1; s.total() -> 2; s.score() -> 50.0; s.verbose() -> (1/2)
 * }</pre>
 */
public final class ExactMatchScore extends Score {
    private final long matches;
    private final long total;

    ExactMatchScore(long matches, long total, String signature) {
        super("ExactMatch", total == 0 ? 0 : 100.0 * matches / total, signature);
        this.matches = matches;
        this.total = total;
    }

    /** Hypotheses equal to a reference. */
    public long matches() {
        return matches;
    }

    /** Hypotheses scored. */
    public long total() {
        return total;
    }

    @Override
    public String verbose() {
        return "(" + matches + "/" + total + ")";
    }
}
