package org.seq2seq4j.spark;

import java.io.Serializable;

/**
 * One translated row of {@link SparkTranslate}: the input's id, the best translation and its score
 * (log-probability).
 *
 * <pre>{@code
 * TranslatedRow t = new TranslatedRow(7, "bonjour", -1.25);
 * // t.id() -> 7
 * }</pre>
 */
public record TranslatedRow(long id, String translation, double score) implements Serializable {
}
