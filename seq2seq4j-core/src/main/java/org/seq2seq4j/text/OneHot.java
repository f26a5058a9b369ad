package org.seq2seq4j.text;

import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.tensor.Tensor;

/**
 * One-hot encoding of index sequences into a {@code (samples, maxlen, depth)} tensor, as the Keras
 * lstm_seq2seq example builds its encoder and decoder inputs: {@code x[i, t, seq[t]] = 1}; time steps
 * after a sequence's end (and negative indices) stay all-zero rows.
 *
 * <pre>{@code
 * Tensor x = OneHot.encode(List.of(new int[] {2, 0}, new int[] {1}), 3, 4);
 * // x.shape() -> (2, 3, 4); x[0,0,2] = x[0,1,0] = x[1,0,1] = 1, everything else 0
 * }</pre>
 */
public final class OneHot {
    private OneHot() {
    }

    /** The one-hot tensor; a sequence longer than {@code maxlen} or an index {@code >= depth} is an error. */
    public static Tensor encode(List<int[]> sequences, int maxlen, int depth) {
        if (maxlen < 1 || depth < 1) {
            throw ConfigException.argument("OneHot", "maxlen and depth", "at least 1", maxlen + " and " + depth);
        }
        float[] x = new float[sequences.size() * maxlen * depth];
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            if (s.length > maxlen) {
                throw ConfigException.argument("OneHot", "sequence " + i, "at most maxlen=" + maxlen + " long",
                        s.length);
            }
            for (int t = 0; t < s.length; t++) {
                if (s[t] >= depth) {
                    throw ConfigException.argument("OneHot", "index at sequence " + i + ", step " + t,
                            "below depth=" + depth, s[t]);
                }
                if (s[t] >= 0) {
                    x[(i * maxlen + t) * depth + s[t]] = 1f;
                }
            }
        }
        return Tensor.of(x, sequences.size(), maxlen, depth);
    }
}
