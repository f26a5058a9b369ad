package org.seq2seq4j.spark;

import java.util.List;

/**
 * What an executor translates with: sentences in, one best translation and its score (the
 * decoder's log-probability) per sentence out, in the same order. One instance serves every task
 * of an executor JVM at once, so {@link #translate} must be safe to call from several threads
 * (decoding with the library's {@code Decoder} is). Implementations sort a call's sentences by
 * length into batches ({@code Decoder.decodeAll}).
 *
 * <pre>{@code
 * SentenceTranslator t = sentences -> sentences.stream().map(s -> new SentenceTranslator.Result(s, 0)).toList();
 * // t.translate(List.of("hi")).get(0).text() -> "hi"
 * }</pre>
 */
@FunctionalInterface
public interface SentenceTranslator {
    /** A translation and its score. */
    record Result(String text, double score) {
    }

    /** One result per sentence, in order. */
    List<Result> translate(List<String> sentences);
}
