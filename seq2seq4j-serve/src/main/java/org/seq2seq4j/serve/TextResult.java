package org.seq2seq4j.serve;

import java.util.List;

/**
 * The translations of one text: its source tokens and the n-best list, best first.
 *
 * <pre>{@code
 * TextResult r = model.translate(List.of("abc"), TranslateOptions.greedy()).get(0);
 * String best = r.nBest().get(0).text();
 * }</pre>
 *
 * @param sourceTokens the tokens of the text as the model saw them (the heatmap's columns)
 * @param nBest the hypotheses, best first
 */
public record TextResult(List<String> sourceTokens, List<Translation> nBest) {
    public TextResult {
        sourceTokens = List.copyOf(sourceTokens);
        nBest = List.copyOf(nBest);
    }
}
