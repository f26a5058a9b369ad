package org.seq2seq4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.TranslationTrainer;
import org.seq2seq4j.translate.Translator;

/**
 * {@code translate} of the shaded jar's main class in {@code local[2]}: a model file written by the
 * translation trainer (digit names to digits), a corpus of 300 lines in two partitions; every output
 * line is {@code id, score, translation} as one machine's {@link Translator} gives it, in order.
 */
class SparkTranslateCommandTest {
    private static final String[] NAMES = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    };

    @TempDir
    Path dir;

    private static List<String> sentences(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0, len = 1 + r.nextInt(3); k < len; k++) {
                b.append(k > 0 ? " " : "").append(NAMES[r.nextInt(10)]);
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void translatesACorpusAsOneMachineDoes() throws IOException {
        LocalSpark.context("local[2]");
        Seq2Seq4j.seed(2);
        List<SentencePair> pairs = new ArrayList<>();
        for (String s : sentences(60, 1)) {
            StringBuilder digits = new StringBuilder();
            for (String w : s.split(" ")) {
                digits.append(List.of(NAMES).indexOf(w));
            }
            pairs.add(new SentencePair(s, digits.toString(), pairs.size() + 1));
        }
        Translator translator = new TranslationTrainer().units(16).embeddingDim(8).epochs(2).validationSplit(0)
                .train(pairs).translator();
        Path model = dir.resolve("digits.s2s");
        translator.save(model);
        List<String> corpus = sentences(300, 2);
        Path input = Files.write(dir.resolve("corpus.txt"), corpus);
        Path output = dir.resolve("out");
        StringWriter out = new StringWriter();
        int code = SparkMain.run(new String[] {"translate", model.toString(), "--input", input.toString(),
            "--output", output.toString(), "--beam", "2"}, new PrintWriter(out, true), new PrintWriter(out, true));
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("translated 300 lines"), out.toString());
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        List<Translation> expected = Translator.load(model).translate(corpus,
                new org.seq2seq4j.translate.DecodeSettings(2, 1, translator.defaults().maxLengthA(),
                        translator.defaults().maxLengthB()).decoder());
        assertEquals(corpus.size(), lines.size());
        for (int i = 0; i < corpus.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals(String.valueOf(i), f[0], "line " + i);
            assertEquals(String.format(Locale.ROOT, "%.4f", expected.get(i).best().score()), f[1], "line " + i);
            assertEquals(expected.get(i).text(), f[2], "line " + i + " '" + corpus.get(i) + "'");
        }
    }
}
