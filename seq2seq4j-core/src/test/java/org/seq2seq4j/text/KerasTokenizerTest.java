package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Tensor;

/**
 * Keras's Tokenizer and pad_sequences. Expected values: the assertions of keras-preprocessing's own
 * tests/text_test.py and tests/sequence_test.py, and the output of keras_preprocessing/text.py
 * (keras-team/keras-preprocessing at 3e38006, run here with numpy 2.4) where stated.
 */
class KerasTokenizerTest {
    private static final List<String> SAMPLE = List.of(
            "The cat sat on the mat.", "The dog sat on the log.", "Dogs and cats living together.");
    private static final List<String> TRAIN = List.of("This text has only known words this text");
    private static final List<String> TEST = List.of("This text has some unknown words");

    @Test
    void textToWordSequence() {   // text_test.py
        assertEquals(List.of("hello", "world"),
                Tokenizer.textToWordSequence("hello! ? world!", Tokenizer.DEFAULT_FILTERS, true, " "));
        assertEquals(List.of("hello", "world"),
                Tokenizer.textToWordSequence("hello!stop?world!", Tokenizer.DEFAULT_FILTERS, true, "stop"));
        assertEquals(List.of("ali", "veli", "kırk", "dokuz", "elli"),
                Tokenizer.textToWordSequence("ali! veli? kırk dokuz elli", Tokenizer.DEFAULT_FILTERS, true, " "));
        assertEquals(List.of("ali", "veli", "kırk", "dokuz", "elli"), Tokenizer.textToWordSequence(
                "ali!stopveli?stopkırkstopdokuzstopelli", Tokenizer.DEFAULT_FILTERS, true, "stop"));
    }

    @Test
    void wordIndexByCountThenFirstAppearance() {   // keras_preprocessing output
        Tokenizer t = new Tokenizer().numWords(10).oovToken("<unk>");
        t.fitOnTexts(SAMPLE);
        Map<String, Integer> expected = new LinkedHashMap<>();
        String[] words = {"<unk>", "the", "sat", "on", "cat", "mat", "dog", "log", "dogs", "and", "cats", "living",
            "together"};
        for (int i = 0; i < words.length; i++) {
            expected.put(words[i], i + 1);
        }
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(t.wordIndex().entrySet()));
        assertArrayEquals(new int[] {2, 5, 3, 4, 2, 6}, t.textsToSequences(List.of(SAMPLE.get(0))).get(0));
        assertEquals(List.of("the cat sat on the mat", "the dog sat on the log", "dogs <unk> <unk> <unk> <unk>"),
                t.sequencesToTexts(t.textsToSequences(SAMPLE)));    // text_test.py test_sequences_to_texts
        assertEquals(3, t.documentCount());
        assertEquals(4, t.wordCounts().get("the"));
        assertEquals(2, t.wordDocs().get("the"));
    }

    @Test
    void oovAndNumWords() {   // text_test.py: the four sequences_to_texts cases and the OOV flag
        Tokenizer t = new Tokenizer();
        t.fitOnTexts(List.of("This text has only known words"));
        assertEquals(4, t.textsToSequences(TEST).get(0).length);
        t = new Tokenizer().oovToken("<unk>");
        t.fitOnTexts(List.of("This text has only known words"));
        assertEquals(6, t.textsToSequences(TEST).get(0).length);

        String[][] cases = {{"3", "<unk>", "this <unk> <unk> <unk> <unk> <unk>"}, {null, "<unk>",
            "this text has <unk> <unk> words"}, {"3", null, "this text"}, {null, null, "this text has words"}};
        for (String[] c : cases) {
            Tokenizer k = new Tokenizer().numWords(c[0] == null ? null : Integer.valueOf(c[0])).oovToken(c[1]);
            k.fitOnTexts(TRAIN);
            assertEquals(List.of(c[2]), k.sequencesToTexts(k.textsToSequences(TEST)), c[0] + "/" + c[1]);
        }
    }

    @Test
    void charLevelKeepsSpacesAndIgnoresFilters() {   // keras_preprocessing output: {a:1, ' ':2, V:3, U+202F:4, ...}
        Tokenizer t = new Tokenizer().charLevel(true).lower(false);
        t.fitOnTexts(List.of("Va\u202f!", "Ça va ?"));
        assertEquals(List.of("a", " ", "V", "\u202f", "!", "Ç", "v", "?"), List.copyOf(t.wordIndex().keySet()));
    }

    @Test
    void matrixModes() {   // keras_preprocessing output of texts_to_matrix after fit_on_texts(['a b b', 'c a'])
        Tokenizer t = new Tokenizer();
        t.fitOnTexts(List.of("a b b", "c a"));
        Tensor tfidf = t.textsToMatrix(List.of("a b b", "c a", "b d"), "tfidf");
        float[] expected = {0, 0.5108256237659906f, 1.1736001944781467f, 0, 0, 0.5108256237659906f, 0,
            0.6931471805599453f, 0, 0, 0.6931471805599453f, 0};
        assertArrayEquals(expected, tfidf.data(), 1e-6f);
        assertArrayEquals(new float[] {0, 1 / 3f, 2 / 3f, 0}, t.textsToMatrix(List.of("a b b"), "freq").data(), 1e-7f);
        assertArrayEquals(new float[] {0, 1, 2, 0}, t.textsToMatrix(List.of("a b b"), "count").data());
        assertArrayEquals(new float[] {0, 1, 1, 0}, t.textsToMatrix(List.of("a b b"), "binary").data());
        assertThrows(ConfigException.class, () -> t.textsToMatrix(List.of("a"), "onehot"));
    }

    /**
     * What keras_preprocessing's {@code to_json()} printed for the SAMPLE tokenizer (numWords 10, oov {@code <unk>}),
     * saved as a test resource.
     */
    private static String kerasJson() throws IOException {
        try (InputStream in = KerasTokenizerTest.class.getResourceAsStream("keras_tokenizer_sample.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void readsAndWritesKerasJson() throws IOException {
        String kerasJson = kerasJson();
        Tokenizer k = Tokenizer.fromJson(kerasJson);
        Tokenizer ours = new Tokenizer().numWords(10).oovToken("<unk>");
        ours.fitOnTexts(SAMPLE);
        assertEquals(ours.wordIndex(), k.wordIndex());
        assertEquals(List.copyOf(ours.wordIndex().keySet()), List.copyOf(k.wordIndex().keySet()));
        assertEquals(ours.indexWord(), k.indexWord());
        assertEquals(ours.wordCounts(), k.wordCounts());
        assertEquals(ours.wordDocs(), k.wordDocs());        // Keras writes word_docs in Python set order
        assertEquals(ours.indexDocs(), k.indexDocs());
        assertEquals(SAMPLE.size(), k.documentCount());
        assertEquals(ours.sequencesToTexts(ours.textsToSequences(SAMPLE)),
                k.sequencesToTexts(k.textsToSequences(SAMPLE)));
        Tokenizer again = Tokenizer.fromJson(ours.toJson());
        assertEquals(ours.toJson(), again.toJson());
        // the fields Keras writes in a fixed order are byte-identical
        String kerasHead = kerasJson.substring(0, kerasJson.indexOf(", \"word_docs\""));
        assertEquals(kerasHead, ours.toJson().substring(0, ours.toJson().indexOf(", \"word_docs\"")));
    }

    @Test
    void damagedJsonNamesThePlace() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Tokenizer.fromJson("{\"class_name\": \"Tokenizer\", \"config\": {\"num_words\": \"ten\"}}"));
        assertEquals("Keras tokenizer JSON ($.config.num_words): expected an integer but found \"ten\"",
                e.getMessage());
        assertThrows(ModelFormatException.class, () -> Tokenizer.fromJson("{\"class_name\": \"Tokenizer\""));
    }

    @Test
    void padSequences() {   // sequence_test.py test_pad_sequences
        List<int[]> a = List.of(new int[] {1}, new int[] {1, 2}, new int[] {1, 2, 3});
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 1, 2}, {1, 2, 3}}, new PadSequences().maxlen(3).apply(a));
        assertArrayEquals(new int[][] {{1, 0, 0}, {1, 2, 0}, {1, 2, 3}},
                new PadSequences().maxlen(3).padding("post").apply(a));
        assertArrayEquals(new int[][] {{0, 1}, {1, 2}, {2, 3}},
                new PadSequences().maxlen(2).truncating("pre").apply(a));
        assertArrayEquals(new int[][] {{0, 1}, {1, 2}, {1, 2}},
                new PadSequences().maxlen(2).truncating("post").apply(a));
        assertArrayEquals(new int[][] {{1, 1, 1}, {1, 1, 2}, {1, 2, 3}},
                new PadSequences().maxlen(3).value(1).apply(a));
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 1, 2}, {1, 2, 3}}, new PadSequences().apply(a));   // longest
        assertArrayEquals(new int[][] {{0, 0}, {7, 8}},
                new PadSequences().apply(List.of(new int[0], new int[] {7, 8})));
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 2, 1, 2, 3}, new PadSequences().applyAsTensor(a).data());
        ConfigException e = assertThrows(ConfigException.class, () -> new PadSequences().padding("left"));
        assertEquals("pad_sequences: padding must be 'pre' or 'post' but was 'left'", e.getMessage());
    }
}
