package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;

/**
 * Every reader of the text package on damaged input (truncated, bytes flipped, characters inserted): it
 * either reads something or throws a ModelFormatException, never another exception or a hang.
 */
class TextReadersFuzzTest {
    private static final String PIECES = "{}[]\",:\\u0-1e9tn ";
    @TempDir
    Path dir;

    private static String mutate(String s, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(4)) {
                case 0 -> sb.setLength(at);
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.insert(at, PIECES.charAt(rnd.nextInt(PIECES.length())));
                default -> sb.setCharAt(at, (char) rnd.nextInt(0x80));
            }
        }
        return sb.toString();
    }

    private static void fuzz(String valid, Consumer<String> reader, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 3000; i++) {
            String damaged = mutate(valid, rnd);
            try {
                reader.accept(damaged);
            } catch (ModelFormatException expected) {
                // the one allowed failure
            } catch (RuntimeException e) {
                fail("input " + Json.writeAscii(damaged) + " gave " + e, e);
            }
        }
    }

    @Test
    void vocabularyJson() {
        Vocabulary v = Vocabulary.builder().padToken("<pad>").oovToken("<unk>")
                .build(List.of(List.of("a", "\u202f", "日", "😀")));
        fuzz(v.toJson(), Vocabulary::fromJson, 1);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Vocabulary.fromJson(deep));
        assertEquals("vocabulary JSON (byte 257 (line 1, column 258)): not valid JSON: nested deeper than 256 levels",
                e.getMessage());
    }

    @Test
    void tokenizerJson() {
        fuzz(new WordTokenizer().joiner("￭").toJson(), TextTokenizer::fromJson, 2);
        fuzz(BpeTokenizer.learn(List.of("low lower lowest"), 3, 1, new WordTokenizer()).toJson(),
                TextTokenizer::fromJson, 3);
    }

    @Test
    void kerasTokenizerJson() {
        Tokenizer t = new Tokenizer().oovToken("<unk>");
        t.fitOnTexts(List.of("The cat sat on the mat.", "The dog sat."));
        fuzz(t.toJson(), Tokenizer::fromJson, 4);
    }

    @Test
    void bpeCodesFile() {
        fuzz(BpeCodes.learn(List.of("low lower lowest newest"), 5, 1).toCodesFile(), BpeCodes::fromCodesFile, 5);
    }

    @Test
    void tsvFiles() throws IOException {
        SplittableRandom rnd = new SplittableRandom(6);
        Path f = dir.resolve("fuzz.tsv");
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[rnd.nextInt(200)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = (byte) (rnd.nextInt(4) == 0 ? "\t\n\r".charAt(rnd.nextInt(3)) : rnd.nextInt(256));
            }
            Files.write(f, bytes);
            try (TsvReader r = TsvReader.open(f)) {
                r.forEach(p -> { });
            } catch (ModelFormatException expected) {
                // bad UTF-8
            }
        }
    }
}
