package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ModelFormatException;

/**
 * BPE learning and application as subword-nmt. Expected merges are hand-computed from the pair counts
 * written in each test; the whitespace cases are those of subword-nmt's test_bpe.py.
 */
class BpeTest {
    // Sennrich et al.'s toy corpus: low x5, lower x2, newest x6, widest x3
    private static final String TOY = "low low low low low lower lower newest newest newest newest newest newest "
            + "widest widest widest";

    private static List<List<String>> merges(BpeCodes c) {
        return c.merges().stream().map(List::of).toList();
    }

    @Test
    void learnsTheMostFrequentPairAndBreaksTiesByThePairItself() {
        // 1. (e,s) 9 = (s,t</w>) 9 > (w,e) 8 > (l,o) 7 > ...: the tie goes to ('s','t</w>') > ('e','s')
        // 2. (e,st</w>) 9    3. (l,o) 7
        // 4. (n,e) = (e,w) = (w,est</w>) = 6 > (lo,w</w>) 5: the largest first symbol, 'w', wins
        // 5. (n,e) = (e,west</w>) = 6: 'n' > 'e'    6. (ne,west</w>) 6
        BpeCodes c = BpeCodes.learn(List.of(TOY), 6, 2);
        assertEquals(List.of(List.of("s", "t</w>"), List.of("e", "st</w>"), List.of("l", "o"),
                List.of("w", "est</w>"), List.of("n", "e"), List.of("ne", "west</w>")), merges(c));
        assertEquals("lo@@ w@@ est n@@ e@@ w@@ e@@ r", BpeCodes.learn(List.of(TOY), 3, 2).segment("lowest newer"));
        assertEquals(List.of("newest"), c.segmentWord("newest"));
        assertEquals(List.of("lo", "w"), c.segmentWord("low"));
    }

    @Test
    void stopsBelowMinFrequency() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("ab", 3);
        counts.put("cd", 1);
        BpeCodes c = BpeCodes.learnFromCounts(counts, 10, 2);   // (a,b</w>) 3 merges; (c,d</w>) 1 < 2 stops
        assertEquals(List.of(List.of("a", "b</w>")), merges(c));
        assertEquals(List.of("c", "d"), c.segmentWord("cd"));
        assertEquals(List.of("ab"), c.segmentWord("ab"));
        assertEquals(List.of("x"), c.segmentWord("x"));
    }

    @Test
    void overlappingOccurrencesMergeLeftToRight() {
        BpeCodes c = BpeCodes.fromCodesFile("#version: 0.2\na a\n");
        // a a a a</w>: (a,a) at 0 and 1 overlap, so only 0 merges; (a,a</w>) is another pair -> aa a a
        assertEquals(List.of("aa", "a", "a"), c.segmentWord("aaaa"));
        assertEquals(List.of("aa", "aa", "b"), c.segmentWord("aaaab"));
    }

    @Test
    void linesKeepTheirOuterWhitespaceAsSubwordNmt() {   // test_bpe.py: trailing whitespace, UTF-8 space, empty line
        BpeCodes c = BpeCodes.fromCodesFile("#version: 0.2\ni r\no n</w>\nc e\n");
        assertEquals("  ir@@ on ce@@ m@@ e@@ n@@ t  \n", c.segment("  iron cement  \n"));
        // U+00A0 is no word boundary: one word, whose n is not final, so (o, n</w>) does not apply
        assertEquals("ir@@ o@@ n@@ \u00a0@@ ce@@ m@@ e@@ n@@ t\n", c.segment("iron\u00a0cement\n"));
        assertEquals("\n", c.segment("\n"));
    }

    @Test
    void codesFileRoundTripAndErrors() {
        BpeCodes c = BpeCodes.learn(List.of(TOY), 6, 2);
        assertEquals(c.toCodesFile(), BpeCodes.fromCodesFile(c.toCodesFile()).toCodesFile());
        assertEquals("#version: 0.2\ns t</w>\ne st</w>\nl o\nw est</w>\nn e\nne west</w>\n", c.toCodesFile());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> BpeCodes.fromCodesFile("#version: 0.2\na b\nabc\n"));
        assertEquals("BPE codes (line 3): expected two symbols separated by one space but found \"abc\"",
                e.getMessage());
        assertThrows(ModelFormatException.class, () -> BpeCodes.fromCodesFile("#version: 0.1\na b\n"));
    }

    @Test
    void tokenizerGluesUnitsBack() {
        BpeTokenizer t = BpeTokenizer.learn(List.of(TOY), 3, 2, new WordTokenizer());
        List<String> tokens = t.tokenize("lowest newer!");
        assertEquals(List.of("lo@@", "w@@", "est", "n@@", "e@@", "w@@", "e@@", "r", "!"), tokens);
        assertEquals("lowest newer !", t.detokenize(tokens));
        BpeTokenizer joined = BpeTokenizer.learn(List.of(TOY), 3, 2, new WordTokenizer().joiner("￭"));
        assertEquals("lowest newer!", joined.detokenize(joined.tokenize("lowest newer!")));
        TextTokenizer back = TextTokenizer.fromJson(joined.toJson());
        assertEquals(joined.tokenize("widest lowest!"), back.tokenize("widest lowest!"));
        BpeTokenizer plain = new BpeTokenizer(BpeCodes.fromCodesFile("l o\n"), null);
        // "lo" is l o</w>: the merge (l, o) does not touch the final o</w>
        assertEquals(List.of("lo@@", "w", "l@@", "o"), plain.tokenize(" low  lo "));
        assertEquals("low lo", plain.detokenize(plain.tokenize(" low  lo ")));
    }
}
