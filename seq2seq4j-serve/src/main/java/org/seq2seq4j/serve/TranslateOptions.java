package org.seq2seq4j.serve;

import org.seq2seq4j.ConfigException;

/**
 * The decoding settings a request may choose: the beam size (1: greedy), how many hypotheses to
 * return per text (at most the beam) and whether to return attention rows. Requests with equal
 * options are decoded together.
 *
 * <pre>{@code
 * TranslateOptions o = new TranslateOptions(4, 2, true);   // beam 4, the 2 best, with attention
 * }</pre>
 *
 * @param beam the beam size, 1 to {@link #MAX_BEAM}
 * @param nBest hypotheses returned per text, 1 to {@code beam}
 * @param attention whether results carry attention rows (models with attention)
 */
public record TranslateOptions(int beam, int nBest, boolean attention) {
    /** The largest beam a request may ask for. */
    public static final int MAX_BEAM = 16;

    public TranslateOptions {
        if (beam < 1 || beam > MAX_BEAM) {
            throw ConfigException.argument("translate", "beam", "an integer in [1, " + MAX_BEAM + "]", beam);
        }
        if (nBest < 1 || nBest > beam) {
            throw ConfigException.argument("translate", "n_best", "an integer in [1, beam = " + beam + "]", nBest);
        }
    }

    /** Greedy decoding, one result, no attention. */
    public static TranslateOptions greedy() {
        return new TranslateOptions(1, 1, false);
    }
}
