package org.seq2seq4j.translate;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.text.TextTokenizer;
import org.seq2seq4j.text.Vocabulary;

/**
 * One side of a translation model: its tokenizer and vocabulary, and the ids of a text. A token
 * outside the vocabulary becomes the OOV id, or -1 (an all-zero one-hot row) when the vocabulary
 * has no OOV token, as the Keras lstm_seq2seq example's character vocabularies.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "a", "b"), "<pad>", null, null, "<unk>");
 * TokenCodec c = new TokenCodec(new CharTokenizer(), v);
 * TokenCodec.Encoded e = c.encode("abz");   // e.ids() -> [2, 3, 1]; e.unknown() -> [z]
 * }</pre>
 */
public record TokenCodec(TextTokenizer tokenizer, Vocabulary vocabulary) {
    /** A text as tokens, ids and the tokens that were not in the vocabulary. */
    public record Encoded(List<String> tokens, int[] ids, List<String> unknown) {
    }

    /** The ids of {@code text}'s tokens. */
    public Encoded encode(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        int[] ids = new int[tokens.size()];
        List<String> unknown = new ArrayList<>();
        int oov = vocabulary.oovIndex();
        for (int i = 0; i < ids.length; i++) {
            int id = vocabulary.indexOf(tokens.get(i));
            if (id < 0) {
                unknown.add(tokens.get(i));
                id = oov;
            }
            ids[i] = id;
        }
        return new Encoded(tokens, ids, unknown);
    }

    /** The tokens of decoded ids (the end token and what follows dropped) and their text. */
    public List<String> tokens(int[] ids) {
        return vocabulary.decode(ids);
    }

    /** The text of target tokens. */
    public String text(List<String> tokens) {
        return tokenizer.detokenize(tokens);
    }
}
