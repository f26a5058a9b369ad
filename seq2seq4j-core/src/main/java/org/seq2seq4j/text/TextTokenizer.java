package org.seq2seq4j.text;

import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;

/**
 * Splits text into the tokens a {@link Vocabulary} indexes, and joins decoded tokens back into text.
 * Implementations: {@link CharTokenizer} (one token per code point), {@link WordTokenizer} (words and
 * punctuation, Unicode-aware) and {@link BpeTokenizer} (subword units learned from data). Settings are
 * saved as JSON ({@code class_name} + {@code config}) so a model file can carry them.
 *
 * <pre>{@code
 * TextTokenizer t = new WordTokenizer().joiner("￭");
 * List<String> tokens = t.tokenize("Va\u202f!");             // [Va, \u202f!]
 * String back = t.detokenize(tokens);                         // "Va\u202f!"
 * TextTokenizer same = TextTokenizer.fromJson(t.toJson());
 * }</pre>
 */
public interface TextTokenizer {
    /** The tokens of {@code text}, in order. */
    List<String> tokenize(String text);

    /** The text that {@code tokens} stand for (the inverse of {@link #tokenize} where it is reversible). */
    String detokenize(List<String> tokens);

    /** The settings (and, for BPE, the merges) as one JSON object {@code {"class_name": ..., "config": {...}}}. */
    String toJson();

    /** The tokenizer saved by {@link #toJson}; a damaged or unknown text is a {@link ModelFormatException}. */
    static TextTokenizer fromJson(String json) {
        Map<String, Object> root = Json.readObject(json, "tokenizer JSON");
        Config c = Config.of(root, "tokenizer JSON");
        switch (c.className()) {
            case "CharTokenizer":
                return CharTokenizer.fromConfig(c);
            case "WordTokenizer":
                return WordTokenizer.fromConfig(c);
            case "BpeTokenizer":
                return BpeTokenizer.fromConfig(c);
            default:
                throw new ModelFormatException("tokenizer JSON", "$.class_name",
                        "unknown tokenizer '" + c.className()
                                + "'; expected CharTokenizer, WordTokenizer or BpeTokenizer");
        }
    }
}
