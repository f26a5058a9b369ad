package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.testing.Goldens;

/**
 * BLEU and chrF on the 76,038-line manythings French-English file (French with U+202F before ! ? :):
 * each French line scored against the next one (and the English column as a second reference). The
 * expected figures were computed with sacreBLEU 2.6.0 on the same lines
 * ({@code BLEU(tokenize=...).corpus_score(fr[:-1], [fr[1:]])}, {@code CHRF().corpus_score(...)}).
 */
class RealCorpusScoreTest {
    private static final Path FILE = Goldens.SHARED.resolve("data/dataset-fra-eng-manythings/fra_eng_76k_2col.txt");
    private static List<String> hyp;
    private static List<String> ref;
    private static List<String> english;

    @BeforeAll
    static void read() throws IOException {
        assumeTrue(Files.exists(FILE), "skipped: no shared data at " + FILE);
        String[] lines = Files.readString(FILE).split("\n", -1);
        assertEquals(76038, lines.length);
        List<String> fr = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (String l : lines) {
            String[] cols = l.split("\t", -1);
            en.add(cols[0]);
            fr.add(cols[1]);
        }
        hyp = fr.subList(0, fr.size() - 1);
        ref = fr.subList(1, fr.size());
        english = en.subList(0, en.size() - 1);
    }

    private static void check(BLEU bleu, List<List<String>> refs, double score, long[] counts, long[] totals,
            long sysLen, long refLen) {
        BLEUScore s = bleu.corpusScore(hyp, refs);
        assertEquals(score, s.score(), 1e-9, s.toString());
        assertArrayEquals(counts, s.counts());
        assertArrayEquals(totals, s.totals());
        assertEquals(sysLen, s.sysLen());
        assertEquals(refLen, s.refLen());
    }

    @Test
    void bleu13a() {
        long t0 = System.nanoTime();
        check(new BLEU(), List.of(ref), 18.71351992235912, new long[] {215749, 82593, 41865, 19428},
                new long[] {454584, 378547, 302510, 227026}, 454584, 454584);
        System.out.printf("BLEU 13a over %d lines: %.0f ms%n", hyp.size(), (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void bleuIntlCharNone() {
        check(new BLEU().tokenize("intl"), List.of(ref), 23.04131745937487, new long[] {271413, 122072, 70671, 38525},
                new long[] {545532, 469495, 393458, 317579}, 545532, 545532);
        check(new BLEU().tokenize("char"), List.of(ref), 41.573850324783024,
                new long[] {1237716, 732007, 548246, 452689}, new long[] {1772604, 1696567, 1620530, 1544493},
                1772604, 1772609);
        check(new BLEU().tokenize("none"), List.of(ref), 18.302773187075665,
                new long[] {155284, 70797, 34011, 15024}, new long[] {392828, 316791, 240910, 166974}, 392828, 392828);
    }

    @Test
    void bleuLowercaseTwoReferences() {
        check(new BLEU().lowercase(true), List.of(ref, english), 19.17825667751509,
                new long[] {226645, 85752, 42155, 19514}, new long[] {454584, 378547, 302510, 227026}, 454584, 439225);
    }

    @Test
    void chrf() {
        long t0 = System.nanoTime();
        assertEquals(37.561708793557834, new CHRF().corpusScore(hyp, List.of(ref)).score(), 1e-9);
        System.out.printf("chrF over %d lines: %.0f ms%n", hyp.size(), (System.nanoTime() - t0) / 1e6);
        assertEquals(39.549816011556054, new CHRF().corpusScore(hyp, List.of(ref, english)).score(), 1e-9);
    }

    @Test
    void chrfPlusPlus() {   // CHRF(word_order=2) and CHRF(word_order=2, lowercase=True) with two references
        assertEquals(36.83149735831767, new CHRF().wordOrder(2).corpusScore(hyp, List.of(ref)).score(), 1e-9);
        assertEquals(38.798147666180505, new CHRF().wordOrder(2).lowercase(true)
                .corpusScore(hyp, List.of(ref, english)).score(), 1e-9);
    }
}
