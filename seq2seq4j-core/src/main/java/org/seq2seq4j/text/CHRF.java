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
 * no epsilon smoothing, word order 0 ({@code wordOrder(2)} is chrF++: word unigrams and bigrams are
 * counted too, as further orders).
 *
 * <pre>{@code
 * CHRFScore s = new CHRF().beta(3).corpusScore(List.of("a b c"), List.of(List.of("abc")));
 * // s.score() -> 100.0 (whitespace is not part of the n-grams)
 * }</pre>
 */
public final class CHRF {
    /** Python's {@code string.punctuation}, which chrF++ splits off words. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private int charOrder = 6;
    private int wordOrder;
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

    /** The highest word n-gram order (default 0: chrF; 2: chrF++). */
    public CHRF wordOrder(int wordOrder) {
        if (wordOrder < 0) {
            throw ConfigException.argument("chrF", "word_order", "at least 0", wordOrder);
        }
        this.wordOrder = wordOrder;
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
        int orders = charOrder + wordOrder;
        long[] stats = new long[3 * orders];
        long[] segment = new long[3 * orders];
        long[] best = new long[3 * orders];
        NgramTable table = new NgramTable();
        Symbols chars = new Symbols();
        Symbols words = new Symbols();
        TokenIds ids = new TokenIds();
        int nrefs = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            String hyp = preprocess(hypotheses.get(i));
            chars.size = 0;
            codePoints(hyp, chars);
            int hypChars = chars.size;
            words.size = 0;
            if (wordOrder > 0) {
                words(hyp, ids, words);
            }
            int hypWords = words.size;
            double bestF = -1;
            int refs = 0;
            for (List<String> stream : references) {
                if (stream.get(i) == null) {
                    continue;
                }
                refs++;
                String ref = preprocess(stream.get(i));
                chars.size = hypChars;
                codePoints(ref, chars);
                for (int k = 1; k <= charOrder; k++) {
                    count(table, chars, hypChars, k, segment, k - 1);
                }
                if (wordOrder > 0) {
                    words.size = hypWords;
                    words(ref, ids, words);
                    for (int k = 1; k <= wordOrder; k++) {
                        count(table, words, hypWords, k, segment, charOrder + k - 1);
                    }
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
                        + "|nw:" + wordOrder + "|space:" + (whitespace ? "yes" : "no"));
        return new CHRFScore("chrF" + beta + "+".repeat(wordOrder), fScore(stats), stats, signature);
    }

    /**
     * Writes the (hypothesis, reference, match) counts of the order-{@code k} n-grams of {@code buf}
     * (hypothesis in {@code [0, hypLen)}, reference after it) to triple {@code slot} of {@code segment}.
     */
    private static void count(NgramTable table, Symbols buf, int hypLen, int k, long[] segment, int slot) {
        int refNgrams = Math.max(0, buf.size - hypLen - k + 1);
        int hypNgrams = Math.max(0, hypLen - k + 1);
        table.reset(buf.data, k, refNgrams);
        table.addReference(0, hypLen, buf.size);
        segment[3 * slot] = refNgrams > 0 ? hypNgrams : 0;     // sacreBLEU: no hits without reference n-grams
        segment[3 * slot + 1] = refNgrams;
        segment[3 * slot + 2] = table.match(0, hypLen);
    }

    /**
     * Appends the word ids of {@code s} as sacreBLEU's chrF++ splits it: whitespace-separated words, and of
     * a word longer than one character, an ASCII punctuation mark at its end (else at its start) is split
     * off (so {@code (hi)} gives {@code (hi} and {@code )}).
     */
    private static void words(String s, TokenIds ids, Symbols out) {
        int n = s.length();
        int begin = -1;
        for (int i = 0; i <= n; i++) {
            boolean space = i == n || PyText.isSpace(s.charAt(i));
            if (!space && begin < 0) {
                begin = i;
            } else if (space && begin >= 0) {
                if (s.codePointCount(begin, i) == 1) {
                    out.add(ids.id(s, begin, i));
                } else if (PUNCTUATION.indexOf(s.charAt(i - 1)) >= 0) {
                    out.add(ids.id(s, begin, i - 1));
                    out.add(ids.id(s, i - 1, i));
                } else if (PUNCTUATION.indexOf(s.charAt(begin)) >= 0) {
                    out.add(ids.id(s, begin, begin + 1));
                    out.add(ids.id(s, begin + 1, i));
                } else {
                    out.add(ids.id(s, begin, i));
                }
                begin = -1;
            }
        }
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
        int orders = charOrder + wordOrder;
        for (int k = 0; k < orders; k++) {
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
            return 100 * score / orders;
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
