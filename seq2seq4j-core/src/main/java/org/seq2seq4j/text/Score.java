package org.seq2seq4j.text;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.Json;

/**
 * A corpus or sentence score with the signature of the settings that produced it, printed as sacreBLEU
 * prints scores: {@code BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:... = 48.53 ...}.
 *
 * <pre>{@code
 * Score s = new CHRF().corpusScore(List.of("the cat"), List.of(List.of("the cat")));
 * // s.score() -> 100.0; s.name() -> chrF2; s.format(1) -> chrF2|nrefs:1|...|space:no|version:... = 100.0
 * }</pre>
 */
public abstract class Score {
    private final String name;
    private final double score;
    private final String signature;

    Score(String name, double score, String signature) {
        this.name = name;
        this.score = score;
        this.signature = signature;
    }

    /** The metric's name with its variant, e.g. {@code BLEU}, {@code chrF2}. */
    public String name() {
        return name;
    }

    /** The score on sacreBLEU's 0-100 scale. */
    public double score() {
        return score;
    }

    /** The settings, as sacreBLEU writes them: {@code key:value} pairs joined by {@code |}, version last. */
    public String signature() {
        return signature;
    }

    /** Detail printed after the score (BLEU: precisions, brevity penalty, lengths); empty if none. */
    public String verbose() {
        return "";
    }

    /** {@code name|signature = score verbose} with {@code width} decimals, as sacreBLEU's text output. */
    public String format(int width) {
        String v = verbose();
        return name + "|" + signature + " = " + PyText.fixed(score, width) + (v.isEmpty() ? "" : " " + v);
    }

    /**
     * One JSON object with the keys of sacreBLEU's {@code --format json}: name, score (rounded to
     * {@code width} decimals), signature, verbose_score (if any), then each signature entry.
     */
    public String toJson(int width) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("score", Double.parseDouble(PyText.fixed(score, width)));
        m.put("signature", signature);
        if (!verbose().isEmpty()) {
            m.put("verbose_score", verbose());
        }
        for (String entry : signature.split("\\|")) {
            int colon = entry.indexOf(':');
            m.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return Json.writeAscii(m);
    }

    @Override
    public String toString() {
        return format(2);
    }

    /** sacreBLEU's signature: {@code nrefs} first, the metric's entries, then the version. */
    static String signature(int nrefs, String metricEntries) {
        return "nrefs:" + (nrefs < 0 ? "var" : Integer.toString(nrefs)) + "|" + metricEntries
                + "|version:seq2seq4j-" + Seq2Seq4j.version();
    }
}
