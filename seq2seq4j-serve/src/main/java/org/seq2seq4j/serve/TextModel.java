package org.seq2seq4j.serve;

import java.util.List;

/**
 * A model that translates text: tokenizer, vocabularies, model and decoding in one. The server
 * joins concurrent requests into one call of {@link #translate} (dynamic batching).
 *
 * <pre>{@code
 * TextModel m = ...;
 * List<TextResult> out = m.translate(List.of("abc"), new TranslateOptions(3, 2, true));
 * String best = out.get(0).nBest().get(0).text();
 * }</pre>
 */
public interface TextModel extends ServedModel {
    /**
     * Translates every text with the same decoding settings; one result per text, in order. A text the
     * model cannot take (an unknown character, say) is a {@link org.seq2seq4j.Seq2SeqException}.
     */
    List<TextResult> translate(List<String> texts, TranslateOptions options);

    @Override
    default ModelMetadata metadata() {
        return ModelMetadata.text();
    }
}
