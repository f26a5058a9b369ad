package org.seq2seq4j.translate;

import java.util.List;

/**
 * The translation of one source text: the source tokens the model read, the tokens it did not know
 * (read as the out-of-vocabulary token, or skipped by one-hot models), and the candidates, best first.
 *
 * <pre>{@code
 * Translation t = translator.translate("tuesday june 5 2001");
 * System.out.println(t.text());            // 2001-06-05
 * t.unknownTokens();                       // [] when every character was in the training data
 * }</pre>
 */
public record Translation(String source, List<String> sourceTokens, List<String> unknownTokens,
                          List<Candidate> candidates) {
    /** The best candidate. */
    public Candidate best() {
        return candidates.get(0);
    }

    /** The best candidate's text. */
    public String text() {
        return best().text();
    }
}
