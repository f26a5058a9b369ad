package org.seq2seq4j.text;

import java.util.List;
import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * Corpus chrF (Popović 2015) computed as sacreBLEU 2.x computes it: character n-grams of orders
 * 1..{@code charOrder} (code points; whitespace removed unless {@code whitespace(true)}); per line the
 * reference with the best F-score is kept, its (hypothesis, reference, match) counts per order are summed
 * over the corpus, and the score is the F-beta of the precision and recall averaged over the orders where
 * both hypothesis and reference have n-grams ({@code epsSmoothing(true)}: sacreBLEU's chrF++.py-style
 * average of per-order F-scores instead). Defaults: char order 6, beta 2, case-sensitive, no whitespace,
 * no epsilon smoothing. chrF++ (word n-grams) is not provided.
 *
 * <pre>{@code
 * CHRFScore s = new CHRF().beta(3).corpusScore(List.of("a b c"), List.of(List.of("abc")));
 * // s.score() -> 100.0 (whitespace is not part of the n-grams)
 * }</pre>
 */
public final class CHRF {
    private int charOrder = 6;
    private int beta = 2;
    private boolean lowercase;
    private boolean whitespace;
    private boolean epsSmoothing;

    /** The highest character n-gram order (default 6). */
    public CHRF charOrder(int charOrder) {
        if (charOrder < 1) {
            throw ConfigException.argument("chrF", "char_order", "at least 1", charOrder);
        }
        this.charOrder = charOrder;
        return this;
    }

    /** Weight of recall against precision (default 2). */
    public CHRF beta(int beta) {
        if (beta < 0) {
            throw ConfigException.argument("chrF", "beta", "at least 0", beta);
        }
        this.beta = beta;
        return this;
    }

    /** Lowercase before extracting n-grams (default false). */
    public CHRF lowercase(boolean lowercase) {
        this.lowercase = lowercase;
        return this;
    }

    /** Keep whitespace inside the character n-grams (default false). */
    public CHRF whitespace(boolean whitespace) {
        this.whitespace = whitespace;
        return this;
    }

    /** Average per-order F-scores with epsilon for empty orders, as chrF++.py, Moses and NLTK (default false). */
    public CHRF epsSmoothing(boolean epsSmoothing) {
        this.epsSmoothing = epsSmoothing;
        return this;
    }

    /** chrF of {@code hypotheses} against reference streams with one line (or null) per hypothesis each. */
    public CHRFScore corpusScore(List<String> hypotheses, List<List<String>> references) {
        int n = hypotheses.size();
        BLEU.checkReferences("chrF", n, references);
        long[] stats = new long[3 * charOrder];
        long[] segment = new long[3 * charOrder];
        long[] best = new long[3 * charOrder];
        NgramTable table = new NgramTable();
        Symbols buf = new Symbols();
        int nrefs = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            buf.size = 0;
            codePoints(preprocess(hypotheses.get(i)), buf);
            int hypLen = buf.size;
            double bestF = -1;
            int refs = 0;
            for (List<String> stream : references) {
                String r = stream.get(i);
                if (r == null) {
                    continue;
                }
                refs++;
                buf.size = hypLen;
                codePoints(preprocess(r), buf);
                int end = buf.size;
                for (int k = 1; k <= charOrder; k++) {
                    int refNgrams = Math.max(0, end - hypLen - k + 1);
                    int hypNgrams = Math.max(0, hypLen - k + 1);
                    table.reset(buf.data, k, refNgrams);
                    table.addReference(0, hypLen, end);
                    segment[3 * (k - 1)] = refNgrams > 0 ? hypNgrams : 0;
                    segment[3 * (k - 1) + 1] = refNgrams;
                    segment[3 * (k - 1) + 2] = table.match(0, hypLen);
                }
                double f = fScore(segment);
                if (f > bestF) {
                    bestF = f;
                    System.arraycopy(segment, 0, best, 0, best.length);
                }
            }
            nrefs = nrefs == Integer.MIN_VALUE || nrefs == refs ? refs : -1;
            if (bestF >= 0) {
                for (int j = 0; j < stats.length; j++) {
                    stats[j] += best[j];
                }
            }
        }
        String signature = Score.signature(nrefs == Integer.MIN_VALUE ? references.size() : nrefs,
                "case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (epsSmoothing ? "no" : "yes") + "|nc:" + charOrder
                        + "|nw:0|space:" + (whitespace ? "yes" : "no"));
        return new CHRFScore("chrF" + beta, fScore(stats), stats, signature);
    }

    /** chrF of one hypothesis against its references. */
    public CHRFScore sentenceScore(String hypothesis, List<String> references) {
        return corpusScore(List.of(hypothesis), references.stream().map(List::of).toList());
    }

    /** sacreBLEU's {@code CHRF._compute_f_score} over (hyp, ref, match) triples, one per order. */
    private double fScore(long[] s) {
        final double eps = 1e-16;
        double factor = (double) beta * beta;
        double score = 0;
        double avgPrec = 0;
        double avgRec = 0;
        int effective = 0;
        for (int k = 0; k < charOrder; k++) {
            long hyp = s[3 * k];
            long ref = s[3 * k + 1];
            long match = s[3 * k + 2];
            double prec = hyp > 0 ? (double) match / hyp : eps;
            double rec = ref > 0 ? (double) match / ref : eps;
            double denom = factor * prec + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
            if (hyp > 0 && ref > 0) {
                avgPrec += prec;
                avgRec += rec;
                effective++;
            }
        }
        if (epsSmoothing) {
            return 100 * score / charOrder;
        }
        if (effective == 0) {
            return 0.0;
        }
        avgPrec /= effective;
        avgRec /= effective;
        if (avgPrec + avgRec == 0) {
            return 0.0;
        }
        return 100 * (1 + factor) * avgPrec * avgRec / (factor * avgPrec + avgRec);
    }

    private String preprocess(String line) {
        return lowercase ? line.toLowerCase(Locale.ROOT) : line;
    }

    /** Appends the code points of {@code s} (without whitespace unless kept) to {@code out}. */
    private void codePoints(String s, Symbols out) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (whitespace || !PyText.isSpace(cp)) {
                out.add(cp);
            }
        }
    }
}
