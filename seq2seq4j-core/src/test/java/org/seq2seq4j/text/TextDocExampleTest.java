package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the text package, word for word, with their stated results checked. */
class TextDocExampleTest {
    @TempDir
    Path dir;

    @Test
    void bleuTokenizer() {
        String t = BleuTokenizer.of("13a").tokenize("It wasn't 3.5%, \"really\".");
        assertEquals("It wasn't 3.5 % , \" really \" .", t);
    }

    @Test
    void bleu() {
        List<String> hyps = List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
        List<List<String>> refs = List.of(
                List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
                List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
        BLEUScore bleu = new BLEU().corpusScore(hyps, refs);
        assertEquals(48.530827, bleu.score(), 1e-6);
        assertTrue(bleu.format(1).startsWith("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:"));
        assertTrue(bleu.format(1).contains(" = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 "), bleu.format(1));
    }

    @Test
    void bleuScore() {
        BLEUScore s = new BLEU().corpusScore(List.of("the cat sat"), List.of(List.of("the cat sat down")));
        assertEquals(Math.exp(1 - 4.0 / 3), s.bp(), 1e-15);
        assertArrayEquals(new long[] {3, 2, 1, 0}, s.counts());
        assertArrayEquals(new long[] {3, 2, 1, 0}, s.totals());
    }

    @Test
    void smoothMethod() {
        BLEU bleu = new BLEU().smoothMethod(SmoothMethod.of("floor")).smoothValue(0.1);
        assertTrue(bleu.corpusScore(List.of("a"), List.of(List.of("a"))).signature().contains("smooth:floor[0.10]"));
    }

    @Test
    void score() {
        Score s = new CHRF().corpusScore(List.of("the cat"), List.of(List.of("the cat")));
        assertEquals(100.0, s.score(), 1e-12);
        assertEquals("chrF2", s.name());
        assertTrue(s.format(1).startsWith("chrF2|nrefs:1|") && s.format(1).endsWith("|space:no|version:seq2seq4j-"
                + org.seq2seq4j.Seq2Seq4j.version() + " = 100.0"), s.format(1));
    }

    @Test
    void chrf() {
        CHRFScore s = new CHRF().beta(3).corpusScore(List.of("a b c"), List.of(List.of("abc")));
        assertEquals(100.0, s.score(), 1e-12);
    }

    @Test
    void chrfScore() {
        CHRFScore s = new CHRF().corpusScore(List.of("aa"), List.of(List.of("ab")));
        assertArrayEquals(new long[] {2, 2, 1}, java.util.Arrays.copyOf(s.statistics(), 3));
        assertEquals(25.0, s.score(), 1e-12);
    }

    @Test
    void exactMatch() {
        ExactMatchScore s = new ExactMatch().normalizeSpace(true)
                .corpusScore(List.of("Va !", "Cours !"), List.of(List.of("Va\u202f!", "Courez !")));
        assertEquals(50.0, s.score(), 1e-12);
        assertEquals(1, s.matches());
        assertTrue(s.signature().startsWith("nrefs:1|case:mixed|space:normalized|version:"), s.signature());
    }

    @Test
    void exactMatchScore() {
        ExactMatchScore s = new ExactMatch().corpusScore(List.of("a", "b"), List.of(List.of("a", "c")));
        assertEquals(1, s.matches());
        assertEquals(2, s.total());
        assertEquals(50.0, s.score(), 1e-12);
        assertEquals("(1/2)", s.verbose());
    }

    @Test
    void textTokenizer() {
        TextTokenizer t = new WordTokenizer().joiner("￭");
        List<String> tokens = t.tokenize("Va\u202f!");             // [Va, \u202f!]
        String back = t.detokenize(tokens);                         // "Va\u202f!"
        TextTokenizer same = TextTokenizer.fromJson(t.toJson());
        assertEquals(List.of("Va", "\u202f!"), tokens);
        assertEquals("Va\u202f!", back);
        assertEquals(t, same);
    }

    @Test
    void charTokenizer() {
        CharTokenizer t = new CharTokenizer();
        List<String> tokens = t.tokenize("Va\u202f!");    // [V, a, \u202f, !]
        String s = t.detokenize(tokens);                   // "Va\u202f!"
        assertEquals(List.of("V", "a", "\u202f", "!"), tokens);
        assertEquals("Va\u202f!", s);
    }

    @Test
    void wordTokenizer() {
        WordTokenizer t = new WordTokenizer().lower(true);
        assertEquals(List.of("größe", ":", "3", ",", "5", "m", ".", "привет", ",", "世", "界", "!"),
                t.tokenize("Größe: 3,5 m. Привет, 世界!"));
    }

    @Test
    void bpeCodes() {
        BpeCodes codes = BpeCodes.learn(List.of("low low low low low lower lower newest newest newest newest newest "
                + "newest widest widest widest"), 3, 2);
        String s = codes.segment("lowest newer");   // "lo@@ w@@ est n@@ e@@ w@@ e@@ r"
        BpeCodes same = BpeCodes.fromCodesFile(codes.toCodesFile());
        assertEquals(List.of(List.of("s", "t</w>"), List.of("e", "st</w>"), List.of("l", "o")),
                codes.merges().stream().map(List::of).toList());
        assertEquals("lo@@ w@@ est n@@ e@@ w@@ e@@ r", s);
        assertEquals(codes.toCodesFile(), same.toCodesFile());
    }

    @Test
    void bpeTokenizer() {
        List<String> corpus = List.of("low low low low low lower lower newest newest newest newest newest newest "
                + "widest widest widest");
        BpeTokenizer bpe = BpeTokenizer.learn(corpus, 3, 2, new WordTokenizer());
        List<String> tokens = bpe.tokenize("lowest newer");   // [lo@@, w@@, est, n@@, e@@, w@@, e@@, r]
        String text = bpe.detokenize(tokens);                 // "lowest newer"
        assertEquals(List.of("lo@@", "w@@", "est", "n@@", "e@@", "w@@", "e@@", "r"), tokens);
        assertEquals("lowest newer", text);
    }

    @Test
    void vocabulary() {
        CharTokenizer chars = new CharTokenizer();
        List<List<String>> data = List.of(chars.tokenize("abba"), chars.tokenize("cab"));
        Vocabulary v = Vocabulary.builder().padToken("<pad>").oovToken("<unk>").build(data);
        int[] ids = v.encode(chars.tokenize("abz"));   // [2, 3, 1]
        Vocabulary same = Vocabulary.fromJson(v.toJson());
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c"), v.tokens());
        assertArrayEquals(new int[] {2, 3, 1}, ids);
        assertEquals(v, same);
    }

    @Test
    void kerasTokenizer() {
        Tokenizer tok = new Tokenizer().numWords(10).oovToken("<unk>");
        tok.fitOnTexts(List.of("The cat sat on the mat.", "The dog sat on the log.", "Dogs and cats living together."));
        List<int[]> seqs = tok.textsToSequences(List.of("The cat sat on the mat."));      // [[2, 5, 3, 4, 2, 6]]
        List<String> texts = tok.sequencesToTexts(tok.textsToSequences(List.of("Dogs and cats living together.")));
        assertEquals(List.of("<unk>", "the", "sat", "on", "cat", "mat", "dog", "log", "dogs", "and", "cats"),
                List.copyOf(tok.wordIndex().keySet()).subList(0, 11));
        assertArrayEquals(new int[] {2, 5, 3, 4, 2, 6}, seqs.get(0));
        assertEquals(List.of("dogs <unk> <unk> <unk> <unk>"), texts);
    }

    @Test
    void padSequences() {
        List<int[]> seqs = List.of(new int[] {1}, new int[] {1, 2}, new int[] {1, 2, 3});
        int[][] x = new PadSequences().maxlen(2).padding("post").truncating("post").apply(seqs);
        assertArrayEquals(new int[][] {{1, 0}, {1, 2}, {1, 2}}, x);
    }

    @Test
    void sentencePairAndReport() {
        SentencePair p = new SentencePair("Go.", "Va !", 1);
        TsvReport r = new TsvReport(10, 8, 1, 1, List.of(7L));
        assertEquals("Va !", p.target());
        assertEquals("10 lines: 8 pairs, 1 blank, 1 malformed (line 7)", r.toString());
    }

    @Test
    void tsvReader() throws IOException {
        Path fra = Files.writeString(dir.resolve("fra.txt"), "Go.\tVa !\nHi.\tSalut !\n");
        StringBuilder printed = new StringBuilder();
        try (TsvReader r = TsvReader.open(fra).limit(10_000)) {
            for (SentencePair p : r) {
                printed.append(p.source() + " -> " + p.target()).append('\n');
            }
            printed.append(r.report());
        }
        assertEquals("Go. -> Va !\nHi. -> Salut !\n2 lines: 2 pairs, 0 blank, 0 malformed", printed.toString());
    }

    @Test
    void dataSplit() {
        DataSplit<String> s = DataSplit.of(List.of("a", "b", "c", "d", "e"), 0.2, 42);
        assertEquals(4, s.train().size());
        assertEquals(1, s.validation().size());
        assertEquals(s, DataSplit.of(List.of("a", "b", "c", "d", "e"), 0.2, 42));
    }

    @Test
    void bucketing() {
        int[] lengths = {3, 12, 5, 14, 4, 11};
        List<int[]> batches = Bucketing.batches(lengths, new int[] {10}, 2, 7);
        assertEquals(4, batches.size());
        assertEquals(List.of(1, 1, 2, 2), batches.stream().map(b -> b.length).sorted().toList());
    }

    @Test
    void oneHot() {
        Tensor x = OneHot.encode(List.of(new int[] {2, 0}, new int[] {1}), 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, x.shape().dims());
        float sum = 0;
        for (float v : x.data()) {
            sum += v;
        }
        assertEquals(3, sum);
        assertEquals(1, x.data()[2]);
        assertEquals(1, x.data()[4]);
        assertEquals(1, x.data()[12 + 1]);
    }
}
