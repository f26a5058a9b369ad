package org.seq2seq4j.text;

import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.tensor.Tensor;

/**
 * Keras's {@code pad_sequences}: integer sequences to one {@code (samples, maxlen)} array. Sequences
 * shorter than {@code maxlen} are padded with {@code value}, longer ones cut; both happen at the start
 * ({@code "pre"}, Keras's default for both) or at the end ({@code "post"}). Defaults: maxlen = the longest
 * sequence, padding "pre", truncating "pre", value 0.
 *
 * <pre>{@code
 * List<int[]> seqs = List.of(new int[] {1}, new int[] {1, 2}, new int[] {1, 2, 3});
 * int[][] x = new PadSequences().maxlen(2).padding("post").truncating("post").apply(seqs);
 * // x -> [[1, 0], [1, 2], [1, 2]]
 * }</pre>
 */
public final class PadSequences {
    private Integer maxlen;
    private boolean padPost;
    private boolean truncatePost;
    private int value;

    /** The output length (default null: the longest sequence). */
    public PadSequences maxlen(Integer maxlen) {
        if (maxlen != null && maxlen < 1) {
            throw ConfigException.argument("pad_sequences", "maxlen", "null or at least 1", maxlen);
        }
        this.maxlen = maxlen;
        return this;
    }

    /** {@code "pre"} (default) pads before each sequence, {@code "post"} after. */
    public PadSequences padding(String padding) {
        padPost = post("padding", padding);
        return this;
    }

    /** {@code "pre"} (default) removes values from the start of long sequences, {@code "post"} from the end. */
    public PadSequences truncating(String truncating) {
        truncatePost = post("truncating", truncating);
        return this;
    }

    /** The padding value (default 0). */
    public PadSequences value(int value) {
        this.value = value;
        return this;
    }

    private static boolean post(String argument, String v) {
        if ("pre".equals(v) || "post".equals(v)) {
            return v.equals("post");
        }
        throw ConfigException.argument("pad_sequences", argument, "'pre' or 'post'",
                v == null ? "null" : "'" + v + "'");
    }

    /** The padded array, one row per sequence. */
    public int[][] apply(List<int[]> sequences) {
        int len = maxlen != null ? maxlen : sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        int[][] out = new int[sequences.size()][len];
        for (int r = 0; r < out.length; r++) {
            int[] s = sequences.get(r);
            int n = Math.min(len, s.length);
            int from = truncatePost ? 0 : s.length - n;
            int to = padPost ? 0 : len - n;
            java.util.Arrays.fill(out[r], value);
            System.arraycopy(s, from, out[r], to, n);
        }
        return out;
    }

    /** {@link #apply} as a float tensor {@code (samples, maxlen)}, e.g. the input of an {@code Embedding}. */
    public Tensor applyAsTensor(List<int[]> sequences) {
        int[][] x = apply(sequences);
        int len = x.length == 0 ? 0 : x[0].length;
        float[] data = new float[x.length * len];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < len; c++) {
                data[r * len + c] = x[r][c];
            }
        }
        return Tensor.of(data, x.length, len);
    }
}
