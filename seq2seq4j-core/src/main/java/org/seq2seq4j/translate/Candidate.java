package org.seq2seq4j.translate;

import java.util.List;

/**
 * One hypothesis of a {@link Translation}: its text, its target tokens, its log-probability and,
 * when asked for, its attention: one row per generated token (the end token included) over the
 * source tokens.
 *
 * <pre>{@code
 * Candidate c = translator.translate("3 May 1979").best();
 * String iso = c.text();              // "1979-05-03"
 * double logP = c.score();
 * }</pre>
 *
 * @param score the sum of the log-probabilities of the tokens (end token included)
 * @param attention {@code (tokens + 1, sourceTokens)} weights, or null when not asked for
 */
public record Candidate(String text, List<String> tokens, double score, float[][] attention) {
}
