package org.seq2seq4j.spark;

import java.io.Serializable;

/**
 * One translated row: the input's id, the best translation and its score (log-probability).
 *
 * <pre>{@code
 * Translation t = new Translation(7, "bonjour", -1.25);
 * // t.id() -> 7
 * }</pre>
 */
public record Translation(long id, String translation, double score) implements Serializable {
}
