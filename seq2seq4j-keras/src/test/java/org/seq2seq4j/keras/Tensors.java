package org.seq2seq4j.keras;

import org.seq2seq4j.tensor.Tensor;

/** Test helpers for model inputs and outputs: one-hot batches and argmax. */
final class Tensors {
    private Tensors() {
    }

    /** {@code ids} (batch, time) as one-hot (batch, time, depth); a negative id is an all-zero row. */
    static Tensor oneHot(int[][] ids, int depth) {
        Tensor x = Tensor.zeros(ids.length, ids[0].length, depth);
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < ids[b].length; t++) {
                if (ids[b][t] >= 0) {
                    x.set(1f, b, t, ids[b][t]);
                }
            }
        }
        return x;
    }

    /** The index of the largest value in row {@code row} of a tensor whose last axis is the classes. */
    static int argmax(Tensor probs, int row) {
        int k = probs.shape().last();
        float[] d = probs.data();
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (d[row * k + j] > d[row * k + best]) {
                best = j;
            }
        }
        return best;
    }

    /** Ids of the characters of {@code s} in {@code vocab} (-1 when absent), padded with {@code pad} to {@code len}. */
    static int[] ids(String s, String vocab, int len, int pad) {
        int[] out = new int[len];
        for (int t = 0; t < len; t++) {
            out[t] = t < s.length() ? vocab.indexOf(s.charAt(t)) : pad;
        }
        return out;
    }

    /** The characters {@code ids} name in {@code vocab}, without a final {@code end} character. */
    static String text(int[] ids, String vocab, char end) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            s.append(vocab.charAt(id));
        }
        int n = s.length();
        return n > 0 && s.charAt(n - 1) == end ? s.substring(0, n - 1) : s.toString();
    }
}
