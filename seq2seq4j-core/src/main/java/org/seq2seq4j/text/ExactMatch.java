package org.seq2seq4j.text;

import java.util.List;
import java.util.Locale;

/**
 * The percentage of hypotheses that equal one of their references exactly (0-100, like BLEU and chrF).
 * Options: {@code lowercase} (default false) and {@code normalizeSpace} (default false: compare as given;
 * true: Python's {@code ' '.join(s.split())} on both sides first, which also treats U+00A0 and U+202F as
 * spaces). Null references are skipped, as in {@link BLEU}.
 *
 * <pre>{@code
 * ExactMatchScore s = new ExactMatch().normalizeSpace(true)
 *         .corpusScore(List.of("Va !", "Cours !"), List.of(List.of("Va\u202f!", "Courez !")));
 * // s.score() -> 50.0; s.matches() -> 1; s.signature() -> nrefs:1|case:mixed|space:normalized|version:...
 * }</pre>
 */
public final class ExactMatch {
    private boolean lowercase;
    private boolean normalizeSpace;

    /** Compare case-insensitively (default false). */
    public ExactMatch lowercase(boolean lowercase) {
        this.lowercase = lowercase;
        return this;
    }

    /** Collapse whitespace runs to one space and strip both ends before comparing (default false). */
    public ExactMatch normalizeSpace(boolean normalizeSpace) {
        this.normalizeSpace = normalizeSpace;
        return this;
    }

    /** The score of {@code hypotheses} against reference streams with one line (or null) per hypothesis each. */
    public ExactMatchScore corpusScore(List<String> hypotheses, List<List<String>> references) {
        BLEU.checkReferences("ExactMatch", hypotheses.size(), references);
        int matches = 0;
        int nrefs = Integer.MIN_VALUE;
        for (int i = 0; i < hypotheses.size(); i++) {
            String h = preprocess(hypotheses.get(i));
            boolean match = false;
            int refs = 0;
            for (List<String> stream : references) {
                String r = stream.get(i);
                if (r != null) {
                    refs++;
                    match |= h.equals(preprocess(r));
                }
            }
            matches += match ? 1 : 0;
            nrefs = nrefs == Integer.MIN_VALUE || nrefs == refs ? refs : -1;
        }
        String signature = Score.signature(nrefs == Integer.MIN_VALUE ? references.size() : nrefs,
                "case:" + (lowercase ? "lc" : "mixed") + "|space:" + (normalizeSpace ? "normalized" : "exact"));
        return new ExactMatchScore(matches, hypotheses.size(), signature);
    }

    private String preprocess(String s) {
        String t = lowercase ? s.toLowerCase(Locale.ROOT) : s;
        return normalizeSpace ? PyText.normalizeSpace(t) : t;
    }
}
