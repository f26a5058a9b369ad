package org.seq2seq4j.seq2seq;

import java.util.Arrays;

/**
 * One decoded output: its tokens (the end token dropped), the sum of the log-probabilities of its
 * tokens (end token included), the score the hypotheses were ranked by (length and coverage
 * penalties applied) and, when asked for and the model has attention, one attention row over the
 * source per generated token.
 *
 * <pre>{@code
 * Hypothesis best = Decoder.greedy().endToken(end).decode(model.stepDecoder(), x).get(0).get(0);
 * int[] tokens = best.tokens();
 * double logProbability = best.score();
 * }</pre>
 *
 * @param tokens the output tokens, without the start and end tokens
 * @param score the log-probability of the output (end token included), or the sum of the raw outputs
 *              for models whose outputs are not probabilities
 * @param normalizedScore the score after the length and coverage penalties, which ranks the n-best list
 * @param attention per generated token (end token included) its attention over the source
 *                  {@code (length, sourceLength)}, or null
 */
public record Hypothesis(int[] tokens, double score, double normalizedScore, float[][] attention) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Hypothesis h && Arrays.equals(tokens, h.tokens) && score == h.score
                && normalizedScore == h.normalizedScore && Arrays.deepEquals(attention, h.attention);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokens) * 31 + Double.hashCode(score);
    }

    @Override
    public String toString() {
        return "Hypothesis" + Arrays.toString(tokens) + " score " + score + " normalized " + normalizedScore;
    }
}
