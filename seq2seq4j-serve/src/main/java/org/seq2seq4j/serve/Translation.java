package org.seq2seq4j.serve;

import java.util.List;

/**
 * One hypothesis: its text, its tokens, its log-probability, the score that ranked it (length
 * penalty applied) and, when asked for, one attention row over the source tokens per output token
 * (the end token's row last when the model emitted one).
 *
 * <pre>{@code
 * Translation t = result.nBest().get(0);
 * float[][] rows = t.attention();        // (outputs, source tokens) or null
 * }</pre>
 *
 * @param text the detokenized output
 * @param tokens the output tokens (the heatmap's rows)
 * @param score the sum of the tokens' log-probabilities
 * @param normalizedScore the score the n-best list is sorted by
 * @param attention per output token its weights over the source tokens, or null
 */
public record Translation(String text, List<String> tokens, double score, double normalizedScore, float[][] attention) {
    public Translation {
        tokens = List.copyOf(tokens);
    }
}
