package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ModelFormatException;

/** Char and word tokenizers on French, German, Russian, Chinese and Japanese text; expected tokens by hand. */
class TextTokenizersTest {
    private static final String[] TEXTS = {
        "Va\u202f! Je l'ai vu aujourd'hui\u00a0: «\u202fsuper\u202f».",
        "Größe: 3,5\u00a0m. Das Mädchen heißt Jean-Pierre?",
        "Привет, мир! Ёлка — это ель.",
        "我爱北京天安门。你好，世界！",
        "東京へ行きます。カタカナ😀👩\u200d👩 e\u0301",
    };

    @Test
    void charsRoundTripEveryText() {
        CharTokenizer t = new CharTokenizer();
        for (String s : TEXTS) {
            assertEquals(s, t.detokenize(t.tokenize(s)), s);
            assertEquals(s.codePointCount(0, s.length()), t.tokenize(s).size(), s);
        }
        assertEquals(List.of("😀", "!"), t.tokenize("😀!"));
        assertEquals(List.of("ç", "a"), new CharTokenizer().lower(true).tokenize("ÇA"));
    }

    @Test
    void wordsSplitOnSpacesAndPunctuation() {
        WordTokenizer t = new WordTokenizer();
        assertEquals(List.of("Va", "\u202f!", "Je", "l'ai", "vu", "aujourd'hui", "\u00a0:", "«", "\u202fsuper",
                "\u202f»", "."), t.tokenize(TEXTS[0]));
        assertEquals(List.of("größe", ":", "3", ",", "5", "\u00a0m", ".", "das", "mädchen", "heißt", "jean", "-",
                "pierre", "?"), new WordTokenizer().lower(true).tokenize(TEXTS[1]));
        assertEquals(List.of("Привет", ",", "мир", "!", "Ёлка", "—", "это", "ель", "."), t.tokenize(TEXTS[2]));
        assertEquals(List.of("我", "爱", "北", "京", "天", "安", "门", "。", "你", "好", "，", "世", "界", "！"),
                t.tokenize(TEXTS[3]));
        assertEquals(List.of("東", "京", "へ", "行", "き", "ま", "す", "。", "カ", "タ", "カ", "ナ", "😀",
                "👩\u200d👩", "e\u0301"), t.tokenize(TEXTS[4]));
        assertEquals(List.of("a", "b"), t.tokenize("  a \t\n b  "));
    }

    @Test
    void wordsWithAJoinerRoundTrip() {
        WordTokenizer t = new WordTokenizer().joiner("￭");
        assertEquals(List.of("Jean", "￭-", "￭Pierre", "￭?"), t.tokenize("Jean-Pierre?"));
        for (String s : TEXTS) {
            assertEquals(s, t.detokenize(t.tokenize(s)), s);
        }
        assertEquals("a b", t.detokenize(t.tokenize("  a \t\n b  ")));   // runs of whitespace become one space
        assertEquals("Go !", new WordTokenizer().detokenize(new WordTokenizer().tokenize("Go!")));   // no joiner
    }

    @Test
    void settingsRoundTripThroughJson() {
        List<TextTokenizer> all = List.of(new CharTokenizer().lower(true), new WordTokenizer().joiner("￭"),
                new WordTokenizer().lower(true));
        for (TextTokenizer t : all) {
            TextTokenizer back = TextTokenizer.fromJson(t.toJson());
            assertEquals(t, back);
            for (String s : TEXTS) {
                assertEquals(t.tokenize(s), back.tokenize(s));
            }
        }
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> TextTokenizer.fromJson("{\"class_name\": \"SentencePiece\", \"config\": {}}"));
        assertEquals("tokenizer JSON ($.class_name): unknown tokenizer 'SentencePiece'; expected CharTokenizer, "
                + "WordTokenizer or BpeTokenizer", e.getMessage());
        assertThrows(ModelFormatException.class,
                () -> TextTokenizer.fromJson("{\"class_name\": \"WordTokenizer\", \"config\": {\"lower\": 1}}"));
    }
}
