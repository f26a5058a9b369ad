package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.testing.Goldens;

/** Vocabulary building, encoding and its JSON form; the real-data counts are those of shared/data/PROVENANCE.md. */
class VocabularyTest {
    private static final CharTokenizer CHARS = new CharTokenizer();

    private static List<List<String>> words(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> List.of(t.split(" "))).toList();
    }

    @Test
    void specialsFirstThenByCountThenFirstSeen() {
        Vocabulary v = Vocabulary.builder().padToken("<pad>").startToken("<s>").endToken("</s>").oovToken("<unk>")
                .build(words("b a c a", "c d a b"));   // a 3, b 2, c 2, d 1; b seen before c
        assertEquals(List.of("<pad>", "<s>", "</s>", "<unk>", "a", "b", "c", "d"), v.tokens());
        assertEquals(0, v.padIndex());
        assertEquals(1, v.startIndex());
        assertEquals(2, v.endIndex());
        assertEquals(3, v.oovIndex());
        assertArrayEquals(new int[] {1, 7, 3, 4, 2}, v.encodeWithStartEnd(List.of("d", "zzz", "a")));
        assertEquals(List.of("d", "<unk>", "a"), v.decode(new int[] {1, 7, 3, 4, 2, 5, 5}));
        assertEquals(List.of("a", "b"), v.decode(new int[] {0, 4, 0, 5}));
    }

    @Test
    void minCountMaxSizeAndSorted() {
        List<List<String>> data = words("b a c a", "c d a b");
        assertEquals(List.of("a", "b", "c"), Vocabulary.builder().minCount(2).build(data).tokens());
        assertEquals(List.of("<unk>", "a", "b"),
                Vocabulary.builder().oovToken("<unk>").maxSize(3).build(data).tokens());
        assertEquals(List.of("a", "b", "c", "d"), Vocabulary.builder().sorted(true).build(words("d c b a")).tokens());
        // code point order puts an emoji (U+1F600) after U+FF01, unlike Java's UTF-16 compareTo
        assertEquals(List.of("a", "！", "😀"), Vocabulary.builder().sorted(true).build(List.of(List.of("😀", "！", "a")))
                .tokens());
        assertThrows(ConfigException.class,
                () -> Vocabulary.builder().padToken("p").oovToken("u").maxSize(1).build(data));
        assertThrows(ConfigException.class, () -> Vocabulary.builder().minCount(0));
    }

    @Test
    void unknownTokenWithoutOovIsAnError() {
        Vocabulary v = Vocabulary.builder().build(words("a b"));
        ConfigException e = assertThrows(ConfigException.class, () -> v.encode(List.of("a", "é")));
        assertEquals("Vocabulary: token 1 must be one of the 2 known tokens (no oov_token is set) but was \"\\u00e9\"",
                e.getMessage());
    }

    @Test
    void jsonRoundTripKeepsEveryCharacter() {
        List<String> tokens = List.of("<pad>", "\t", "\n", "\u202f", "\"", "\\", "Ж", "日", "😀", "e\u0301");
        Vocabulary v = Vocabulary.of(tokens, "<pad>", "\t", "\n", null);
        String json = v.toJson();
        assertEquals(json, json.chars().filter(c -> c < 0x7F).mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining()));          // pure ASCII, escapes for the rest
        Vocabulary back = Vocabulary.fromJson(json);
        assertEquals(v, back);
        assertEquals(tokens, back.tokens());
        assertEquals(1, back.startIndex());
    }

    @Test
    void damagedJsonIsRejectedWithItsPlace() {
        ModelFormatException dup = assertThrows(ModelFormatException.class, () -> Vocabulary.fromJson(
                "{\"class_name\": \"Vocabulary\", \"config\": {\"tokens\": [\"a\", \"b\", \"a\"]}}"));
        assertEquals("vocabulary JSON ($.config.tokens[2]): must be a token not seen before but was \"a\"",
                dup.getMessage());
        ModelFormatException special = assertThrows(ModelFormatException.class, () -> Vocabulary.fromJson(
                "{\"class_name\": \"Vocabulary\", \"config\": {\"oov_token\": \"<unk>\", \"tokens\": [\"a\"]}}"));
        assertEquals("vocabulary JSON ($.config.oov_token): must be one of the tokens but was \"<unk>\"",
                special.getMessage());
        ConfigException twice = assertThrows(ConfigException.class,
                () -> Vocabulary.of(List.of("a", "a"), null, null, null, null));
        assertEquals("Vocabulary: tokens[1] must be a token not seen before but was \"a\"", twice.getMessage());
        ModelFormatException cut = assertThrows(ModelFormatException.class, () -> Vocabulary.fromJson(
                "{\"class_name\": \"Vocabulary\", \"config\": {\"tokens\": [\"a\""));
        assertEquals("vocabulary JSON (byte 54 (line 1, column 55)): not valid JSON: unexpected end of the document; "
                + "expected ']'", cut.getMessage());                                 // the end of the 54 chars
        assertThrows(ModelFormatException.class,
                () -> Vocabulary.fromJson("{\"class_name\": \"Tokenizer\", \"config\": {}}"));
        assertThrows(ModelFormatException.class, () -> Vocabulary.fromJson(
                "{\"class_name\": \"Vocabulary\", \"config\": {\"tokens\": [1]}}"));
    }

    @Test
    void kerasCharVocabularyOfTheFirst10000Lines() {
        Path file = Goldens.SHARED.resolve("data/dataset-fra-eng-manythings/fra_eng_76k_2col.txt");
        assumeTrue(Files.exists(file), "skipped: no shared data at " + file);
        List<List<String>> in = new ArrayList<>();
        List<List<String>> out = new ArrayList<>();
        try (TsvReader r = TsvReader.open(file).limit(10_000)) {
            for (SentencePair p : r) {
                in.add(CHARS.tokenize(p.source()));
                out.add(CHARS.tokenize("\t" + p.target() + "\n"));
            }
        }
        // PROVENANCE.md: first 10,000 lines: 71 input chars, 90 target chars (with '\t','\n'), max lengths 16 / 59
        Vocabulary source = Vocabulary.builder().sorted(true).build(in);
        Vocabulary target = Vocabulary.builder().sorted(true).startToken("\t").endToken("\n").build(out);
        assertEquals(71, source.size());
        assertEquals(90, target.size());
        assertEquals(16, in.stream().mapToInt(List::size).max().orElseThrow());
        assertEquals(59, out.stream().mapToInt(List::size).max().orElseThrow());
        assertEquals(List.of(" ", "!"), source.tokens().subList(0, 2));   // Keras: sorted(list(input_characters))
        assertEquals(List.of("\t", "\n"), target.tokens().subList(0, 2));
        assertEquals(true, target.contains("\u202f"));
        String fr = "Va\u202f!";
        assertEquals(fr, String.join("", target.decode(target.encodeWithStartEnd(CHARS.tokenize(fr)))));
    }

    @Test
    void datesHumanVocabulary() {
        Path file = Goldens.SHARED.resolve("data/dataset-dates-human-machine/dates.tsv");
        assumeTrue(Files.exists(file), "skipped: no shared data at " + file);
        List<List<String>> human = new ArrayList<>();
        TsvReport report;
        try (TsvReader r = TsvReader.open(file).header(true)) {
            r.forEach(p -> human.add(CHARS.tokenize(p.source())));
            report = r.report();
        }
        // PROVENANCE.md: 20,000 rows + header; the 35 chars of the course's human vocab; max length 27
        assertEquals(new TsvReport(20_000, 20_000, 0, 0, List.of()), report);
        Vocabulary v = Vocabulary.builder().sorted(true).oovToken("<unk>").padToken("<pad>").build(human);
        assertEquals(" ./0123456789abcdefghijlmnoprstuvwy", String.join("", v.tokens().subList(2, v.size())));
        assertEquals(27, human.stream().mapToInt(List::size).max().orElseThrow());
    }
}
