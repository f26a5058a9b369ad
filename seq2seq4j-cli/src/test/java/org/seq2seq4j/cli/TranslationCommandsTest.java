package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.text.SentencePair;

/**
 * train, translate, evaluate and the date demo as a user runs them, on small seeded data: what they
 * print, the files they write, and one clear line with exit code 2 for every kind of bad input,
 * with nothing overwritten.
 */
class TranslationCommandsTest {
    @TempDir
    static Path dir;
    private static Path data;
    private static Path model;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        StringBuilder tsv = new StringBuilder();
        for (SentencePair p : HumanDates.generate(300, new SplittableRandom(4))) {
            tsv.append(p.source()).append('\t').append(p.target()).append('\n');
        }
        data = dir.resolve("dates.tsv");
        Files.writeString(data, tsv, StandardCharsets.UTF_8);
        model = dir.resolve("dates.s2s");
        int code = Main.run(new String[] {"train", "--data", data.toString(), "--model", model.toString(),
            "--units", "8", "--embedding-dim", "4", "--epochs", "2", "--hold-out", "20", "--seed", "3"},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
    }

    @Test
    void trainWritesTheModelAndTheHeldOutPairs() throws Exception {
        assertTrue(Files.size(model) > 0);
        List<String> held = Files.readAllLines(Path.of(model + ".test.tsv"));
        assertEquals(20, held.size());
        List<String> all = Files.readAllLines(data);
        assertTrue(all.containsAll(held), "held-out lines come from the data");
    }

    @Test
    void trainJsonReportsLossAndValidationBleu() {
        Path m = dir.resolve("json.s2s");
        assertEquals(0, run("train", "--data", data.toString(), "--model", m.toString(), "--units", "4",
                "--embedding-dim", "2", "--epochs", "1", "--json"));
        String json = out.toString().strip();
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.matches("\\{\"model\": .*\"epochs\": 1, \"loss\": [0-9.]+, \"val_loss\": [0-9.]+, "
                + "\"history\": \\[\\{\"loss\": .*, \"val_bleu\": [0-9.]+}], \"val_bleu\": [0-9.]+, "
                + "\"val_pairs\": 30}"),
                json);
        assertTrue(err.toString().contains("epoch 1/1"), "progress on stderr: " + err);
    }

    @Test
    void translateArgumentsJsonNBestAndAttention() throws Exception {
        assertEquals(0, run("translate", model.toString(), "3 May 1979", "tuesday june 5 2001"));
        assertEquals(2, out.toString().strip().lines().count(), out.toString());
        assertEquals(0, run("translate", model.toString(), "3 May 1979", "--json"));
        assertTrue(out.toString().startsWith("{\"source\": \"3 May 1979\", \"translation\": "), out.toString());
        assertEquals(0, run("translate", model.toString(), "3 May 1979", "--beam", "3", "--n-best", "2"));
        List<String> lines = out.toString().strip().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(lines.get(0).matches("1\t-[0-9.]+\t.*"), lines.get(0));
        assertEquals(0, run("translate", model.toString(), "3 May 1979", "--attention", "ascii"));
        assertTrue(out.toString().contains("|3|␣|M|a|y|␣|1|9|7|9|"), out.toString());
        Path html = dir.resolve("map.html");
        assertEquals(0, run("translate", model.toString(), "3 May 1979", "--attention", "html", html.toString()));
        assertTrue(Files.readString(html).contains("<svg"));
    }

    @Test
    void unknownCharactersAreReportedOnce() {
        assertEquals(0, run("translate", model.toString(), "3 May 1979 ♥", "♥ 4 May 1979"));
        assertEquals(2, out.toString().strip().lines().count());
        assertEquals("seq2seq4j translate: warning: 1 token(s) not in the model's vocabulary were read as unknown: "
                + "[\"♥\"]", err.toString().strip());
    }

    @Test
    void evaluatePrintsSacreBleuChrfAndExactMatch() {
        Path held = Path.of(model + ".test.tsv");
        assertEquals(0, run("evaluate", model.toString(), "--data", held.toString()));
        List<String> lines = out.toString().strip().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|"), lines.get(0));
        assertTrue(lines.get(1).startsWith("chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|"), lines.get(1));
        assertTrue(lines.get(2).matches("ExactMatch\\|.* = [0-9.]+ \\(\\d+/20\\)"), lines.get(2));
        assertEquals(0, run("evaluate", model.toString(), "--data", held.toString(), "--json"));
        assertTrue(out.toString().startsWith("[{\"name\": \"BLEU\""), out.toString());
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingIsOverwritten() throws Exception {
        byte[] before = Files.readAllBytes(model);
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "");
        Path binary = Files.write(dir.resolve("binary.tsv"), new byte[] {'a', '\t', 0, 1, 2, '\n'});
        Path oneColumn = Files.writeString(dir.resolve("one.tsv"), "hello\nworld\n");
        Path notModel = Files.writeString(dir.resolve("not.s2s"), "3 May 1979\t1979-05-03\n");
        String[][] cases = {
            {"train", "--data", dir.resolve("missing.tsv").toString(), "--model", model.toString()},
            {"train", "--data", empty.toString(), "--model", model.toString()},
            {"train", "--data", binary.toString(), "--model", model.toString()},
            {"train", "--data", oneColumn.toString(), "--model", model.toString()},
            {"train", "--data", data.toString(), "--model", model.toString(), "--arch", "transformer"},
            {"train", "--data", data.toString(), "--model", model.toString(), "--arch", "simple"},
            {"train", "--data", data.toString(), "--model", model.toString(), "--units", "0"},
            {"translate", notModel.toString(), "3 May 1979"},
            {"translate", dir.resolve("missing.s2s").toString(), "3 May 1979"},
            {"translate", model.toString(), "3 May 1979", "--beam", "0"},
            {"translate", model.toString(), "3 May 1979", "--n-best", "2"},
            {"evaluate", model.toString(), "--data", oneColumn.toString()},
            {"evaluate", notModel.toString(), "--data", data.toString()},
            {"evaluate", model.toString(), "--data", data.toString(), "--beam", "0"},
        };
        for (String[] c : cases) {
            assertEquals(2, run(c), String.join(" ", c) + ": " + err);
            String e = err.toString().strip();
            assertEquals(1, e.lines().count(), String.join(" ", c) + " printed: " + e);
            assertTrue(e.startsWith("seq2seq4j " + c[0] + ": "), e);
            assertFalse(e.contains("Exception"), e);
        }
        assertArrayEquals(before, Files.readAllBytes(model), "the model file is untouched");
        assertEquals(2, run("train", "--data", data.toString(), "--model", model.toString(), "--arch", "seq2seq"));
        assertEquals("seq2seq4j train: --arch seq2seq: not available yet; use attention or lstm_seq2seq",
                err.toString().strip());
    }

    @Test
    void theDateDemoPrintsSamplesAnAttentionMapAndTheExactMatch() throws Exception {
        Path saved = dir.resolve("demo.s2s");
        assertEquals(0, run("demo", "--samples", "200", "--test", "20", "--epochs", "1", "--units", "8", "--save",
                saved.toString()));
        String s = out.toString();
        assertTrue(s.contains("tuesday june 5 2001"), s);
        assertTrue(s.contains("Attention of \"tuesday june 5 2001\""), s);
        assertTrue(s.contains("|t|u|e|s|d|a|y|␣|j|u|n|e|␣|5|␣|2|0|0|1|"), s);
        assertTrue(s.matches("(?s).*Exact match on 20 held-out dates: \\d+\\.\\d% \\(\\d+/20\\)\\. Trained in .*"), s);
        assertEquals(0, run("translate", saved.toString(), "march 3rd 2010"));
        assertEquals(0, run("demo", "--samples", "200", "--test", "20", "--epochs", "1", "--units", "8", "--json"));
        assertTrue(out.toString().matches("\\{\"task\": \"dates\", \"exact_match\": [0-9.]+, \"correct\": \\d+, "
                + "\"test\": 20, .*\\}\\s*"), out.toString());
    }

    @Test
    void humanDatesReadSlashesAsMonthFirstAndTwoDigitYearsIn1950To2049() {
        for (SentencePair p : HumanDates.generate(2000, new SplittableRandom(9))) {
            LocalDate d = LocalDate.parse(p.target());
            assertTrue(d.getYear() >= 1950 && d.getYear() <= 2049, p.toString());
            String s = p.source();
            if (s.matches("\\d{1,2}/\\d{1,2}/\\d{2}")) {
                String[] f = s.split("/");
                assertEquals(d.getMonthValue(), Integer.parseInt(f[0]), s);
                assertEquals(d.getDayOfMonth(), Integer.parseInt(f[1]), s);
                assertEquals(d.getYear() % 100, Integer.parseInt(f[2]), s);
            }
            if (s.matches("\\d{2}\\.\\d{2}\\.\\d{2}")) {
                assertEquals(d.getDayOfMonth(), Integer.parseInt(s.substring(0, 2)), s);
                assertEquals(d.getMonthValue(), Integer.parseInt(s.substring(3, 5)), s);
            }
        }
        assertEquals("st", HumanDates.ordinal(1));
        assertEquals("th", HumanDates.ordinal(11));
        assertEquals("nd", HumanDates.ordinal(22));
        assertEquals("rd", HumanDates.ordinal(23));
    }
}
