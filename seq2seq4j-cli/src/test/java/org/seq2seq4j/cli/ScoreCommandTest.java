package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;

/**
 * {@code seq2seq4j score} on sacreBLEU's README example. Expected lines: sacreBLEU 2.6.0's CLI
 * ({@code sacrebleu ref1.txt ref2.txt -i hyp.txt -m bleu chrf -f text}) with our version string.
 */
class ScoreCommandTest {
    private static final String V = "version:seq2seq4j-" + Seq2Seq4j.version();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    @TempDir
    Path dir;
    Path hyp;
    Path ref1;
    Path ref2;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String errLine() {
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        return e;
    }

    @BeforeEach
    void files() throws IOException {
        hyp = Files.writeString(dir.resolve("hyp.txt"),
                "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
        ref1 = Files.writeString(dir.resolve("ref1.txt"),
                "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
        ref2 = Files.writeString(dir.resolve("ref2.txt"),   // CRLF line ends and no final newline
                "The dog had bit the man.\r\nNo one was surprised.\r\nThe man had bitten the dog.");
    }

    @Test
    void bleuAndChrfAgainstTwoReferences() {
        assertEquals(0, run("score", "--hyp", hyp.toString(), "--ref", ref1.toString(), "--ref", ref2.toString(),
                "--metrics", "bleu,chrf"));
        assertEquals("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|" + V + " = 48.5 82.4/50.0/45.5/37.5 "
                + "(BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)\n"
                + "chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|" + V + " = 59.7\n",
                out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void jsonOfOneMetric() {
        // sacrebleu ref1.txt -i hyp.txt -m bleu: score 45.1, 70.6/42.9/36.4/37.5, hyp_len = ref_len = 17
        assertEquals(0, run("score", "-i", hyp.toString(), "-r", ref1.toString(), "--json"));
        assertEquals("{\"name\": \"BLEU\", \"score\": 45.1, \"signature\": \"nrefs:1|case:mixed|eff:no|tok:13a|"
                + "smooth:exp|" + V + "\", \"verbose_score\": \"70.6/42.9/36.4/37.5 (BP = 1.000 ratio = 1.000 "
                + "hyp_len = 17 ref_len = 17)\", \"nrefs\": \"1\", \"case\": \"mixed\", \"eff\": \"no\", \"tok\": "
                + "\"13a\", \"smooth\": \"exp\", \"version\": \"seq2seq4j-" + Seq2Seq4j.version() + "\"}",
                out.toString().strip());
        assertEquals(0, run("score", "-i", hyp.toString(), "-r", ref1.toString(), "-m", "chrf,bleu", "--json"));
        assertTrue(out.toString().startsWith("[{\"name\": \"chrF2\""), out.toString());
    }

    @Test
    void chrfPlusPlus() {   // sacreBLEU 2.6.0: CHRF(word_order=2).corpus_score(hyp, [ref1, ref2]) = 59.15310444399262
        assertEquals(0, run("score", "-i", hyp.toString(), "-r", ref1.toString(), ref2.toString(), "-m", "chrf",
                "--chrf-word-order", "2", "-w", "2"));
        assertEquals("chrF2++|nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|" + V + " = 59.15", out.toString().strip());
    }

    @Test
    void exactMatch() {   // line 1 of hyp.txt equals line 1 of ref1.txt and of ref2.txt; lines 2 and 3 match neither
        assertEquals(0, run("score", "-i", hyp.toString(), "-r", ref1.toString(), ref2.toString(), "-m", "exact", "-w",
                "2"));
        assertEquals("ExactMatch|nrefs:2|case:mixed|space:exact|" + V + " = 33.33 (1/3)", out.toString().strip());
    }

    @Test
    void lineCountMismatchIsOneLine() throws IOException {
        Path two = Files.writeString(dir.resolve("two.txt"), "a\nb\n");
        assertEquals(2, run("score", "--hyp", hyp.toString(), "--ref", two.toString()));
        assertEquals("seq2seq4j score: " + two + " (line count): has 2 lines but the hypotheses " + hyp
                + " have 3; every reference file needs one line per hypothesis", errLine());
    }

    @Test
    void missingEmptyAndBinaryFilesAreOneLine() throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertEquals(2, run("score", "--hyp", missing.toString(), "--ref", ref1.toString()));
        assertEquals("seq2seq4j score: " + missing + " (file): no such file", errLine());
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertEquals(2, run("score", "--hyp", hyp.toString(), "--ref", empty.toString()));
        assertEquals("seq2seq4j score: " + empty + " (file): is empty; expected one segment per line", errLine());
        Path binary = Files.write(dir.resolve("model.bin"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertEquals(2, run("score", "--hyp", binary.toString(), "--ref", ref1.toString()));
        assertEquals("seq2seq4j score: " + binary + " (byte 4): NUL byte; this is a binary file, not text with one "
                + "segment per line", errLine());
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertEquals(2, run("score", "--hyp", latin1.toString(), "--ref", ref1.toString()));
        assertTrue(errLine().startsWith("seq2seq4j score: " + latin1 + " (file): is not UTF-8 text"), errLine());
    }

    @Test
    void badOptionsAreOneLine() {
        assertEquals(2, run("score", "--hyp", hyp.toString(), "--ref", ref1.toString(), "--metrics", "ter"));
        assertEquals("seq2seq4j score: --metrics: 'ter' is not a metric; use bleu, chrf, exact", errLine());
        assertEquals(2, run("score", "--hyp", hyp.toString(), "--ref", ref1.toString(), "-tok", "zh"));
        assertEquals("seq2seq4j score: BLEU: tokenize must be one of none, 13a, intl, char but was 'zh'", errLine());
        assertEquals(2, run("score", "--hyp", hyp.toString()));
        assertTrue(errLine().contains("--ref"), errLine());
    }
}
