package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.Json;

/**
 * Scores print as sacreBLEU 2.6.0 prints them. Expected lines are sacreBLEU's CLI output on the README
 * example ({@code sacrebleu ref1 ref2 -i hyp -m bleu chrf}) with our version in place of "2.6.0", and
 * figures sacreBLEU 2.6.0 printed on this machine where stated.
 */
class ScoreFormatTest {
    private static final String V = "version:seq2seq4j-" + Seq2Seq4j.version();
    private static final List<String> HYPS = List.of(
            "The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
    private static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

    @Test
    void bleuTextAndJson() {
        BLEUScore s = new BLEU().corpusScore(HYPS, REFS);
        assertEquals("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|" + V
                + " = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", s.format(1));
        Map<String, Object> json = Json.readObject(s.toJson(1), "score");
        assertEquals(List.of("name", "score", "signature", "verbose_score", "nrefs", "case", "eff", "tok", "smooth",
                "version"), List.copyOf(json.keySet()));
        assertEquals(48.5, json.get("score"));
        assertEquals("2", json.get("nrefs"));
    }

    @Test
    void chrfText() {
        assertEquals("chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|" + V + " = 59.7",
                new CHRF().corpusScore(HYPS, REFS).format(1));
        // "ab" has n-grams of orders 1 and 2 only: eps smoothing averages F = 1, 1, ~0, ~0 over 4 orders
        assertEquals("chrF3|nrefs:1|case:lc|eff:no|nc:4|nw:0|space:yes|" + V + " = 50.00",
                new CHRF().beta(3).charOrder(4).lowercase(true).whitespace(true).epsSmoothing(true)
                        .corpusScore(List.of("Ab"), List.of(List.of("ab"))).format(2));
    }

    @Test
    void chrfPlusPlus() {   // sacreBLEU 2.6.0: CHRF(word_order=2).corpus_score(HYPS, REFS) = 59.15310444399262
        CHRFScore s = new CHRF().wordOrder(2).corpusScore(HYPS, REFS);
        assertEquals(59.15310444399262, s.score(), 1e-9);
        assertEquals("chrF2++|nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|" + V + " = 59.15", s.format(2));
        // CHRF(word_order=2, eps_smoothing=True).sentence_score("(hi) there, you!", ["hi (there) you !"])
        assertEquals(41.310579693076754, new CHRF().wordOrder(2).epsSmoothing(true)
                .sentenceScore("(hi) there, you!", List.of("hi (there) you !")).score(), 1e-9);
    }

    @Test
    void smoothingValueIsInTheSignature() {
        List<List<String>> one = List.of(List.of("a b"));
        assertEquals("nrefs:1|case:lc|eff:yes|tok:char|smooth:floor[0.10]|" + V, new BLEU().lowercase(true)
                .tokenize("char").smoothMethod(SmoothMethod.FLOOR).effectiveOrder(true)
                .corpusScore(List.of("a b"), one).signature());
        assertEquals("nrefs:1|case:mixed|eff:no|tok:none|smooth:add-k[2.00]|" + V, new BLEU().tokenize("none")
                .smoothMethod(SmoothMethod.of("add-k")).smoothValue(2.0).corpusScore(List.of("a b"), one).signature());
    }

    @Test
    void variableReferenceCountIsVar() {
        List<String> second = new java.util.ArrayList<>(List.of("x", "y"));
        second.set(1, null);
        BLEUScore s = new BLEU().corpusScore(List.of("x", "y"), List.of(List.of("x", "y"), second));
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|" + V, s.signature());
    }

    @Test
    void exactMatchOptionsAndReferences() {
        List<String> hyps = List.of("Va !", "Cours\u202f!", "STOP", "x");
        List<String> second = new java.util.ArrayList<>(List.of("-", "-", "-", "-"));
        second.set(3, null);
        List<List<String>> refs = List.of(List.of("Va\u202f!", "Cours\u202f!", "stop", "y"), second);
        // exact: only line 2; normalized spaces: lines 1 and 2; plus lowercase: lines 1, 2 and 3
        assertEquals(1, new ExactMatch().corpusScore(hyps, refs).matches());
        assertEquals(2, new ExactMatch().normalizeSpace(true).corpusScore(hyps, refs).matches());
        ExactMatchScore all = new ExactMatch().normalizeSpace(true).lowercase(true).corpusScore(hyps, refs);
        assertEquals(75.0, all.score());
        assertEquals("ExactMatch|nrefs:var|case:lc|space:normalized|" + V + " = 75.0 (3/4)", all.format(1));
    }

    @Test
    void pythonRounding() {
        assertEquals("2.67", PyText.fixed(2.675, 2));     // the double below 2.675
        assertEquals("0.12", PyText.fixed(0.125, 2));     // an exact tie goes to even
        assertEquals("48.53", PyText.fixed(48.530827, 2));
    }

    @Test
    void mismatchedReferencesAreOneClearError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new BLEU().corpusScore(HYPS, List.of(List.of("a", "b"))));
        assertEquals("BLEU: references[0] must be 3 lines, one per hypothesis but was 2 lines", e.getMessage());
        assertThrows(ConfigException.class, () -> new BLEU().tokenize("ja-mecab"));
        assertThrows(ConfigException.class, () -> SmoothMethod.of("add-one"));
    }
}
