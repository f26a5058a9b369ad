package org.seq2seq4j.text;

/**
 * One line of a parallel corpus: the source and target text and the 1-based line number in the file.
 *
 * <pre>{@code
 * SentencePair p = new SentencePair("Go.", "Va !", 1);
 * }</pre>
 */
public record SentencePair(String source, String target, long line) {
}
