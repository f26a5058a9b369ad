package org.seq2seq4j.bench;

import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/**
 * The echo task of the encoder-decoder attention tutorial: sequences of {@value #TIMESTEPS} random
 * integers in {@code [0, }{@value #CARDINALITY}{@code )}, one-hot; the target of a sequence is its
 * first {@value #ECHOED} integers followed by the integer 0 for the other steps (one-hot too, as the
 * tutorial pads). Sequences are rows of an {@code int[]}, {@value #TIMESTEPS} integers each.
 *
 * <pre>{@code
 * int[] x = EchoTask.sequences(2, new SplittableRandom(1));  // 2 rows of 5 ints in [0, 50)
 * int[] y = EchoTask.targets(x);         // {x[0], x[1], 0, 0, 0, x[5], x[6], 0, 0, 0}
 * Tensor input = EchoTask.oneHot(x, 0, 2);                    // (2, 5, 50)
 * }</pre>
 */
public final class EchoTask {
    /** Integers per sequence, in and out. */
    public static final int TIMESTEPS = 5;
    /** Leading integers the target repeats. */
    public static final int ECHOED = 2;
    /** Integers are drawn from {@code [0, CARDINALITY)}; the one-hot width. */
    public static final int CARDINALITY = 50;

    private EchoTask() {
    }

    /** {@code n} random sequences, row after row ({@code n * TIMESTEPS} integers). */
    public static int[] sequences(int n, SplittableRandom random) {
        int[] s = new int[n * TIMESTEPS];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(CARDINALITY);
        }
        return s;
    }

    /** The target of every sequence: its first {@link #ECHOED} integers, then 0. */
    public static int[] targets(int[] sequences) {
        int[] t = new int[sequences.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i % TIMESTEPS < ECHOED ? sequences[i] : 0;
        }
        return t;
    }

    /** Rows {@code [from, from + rows)} of {@code ints} one-hot: {@code (rows, TIMESTEPS, CARDINALITY)}. */
    public static Tensor oneHot(int[] ints, int from, int rows) {
        Tensor t = Tensor.zeros(rows, TIMESTEPS, CARDINALITY);
        for (int i = 0; i < rows * TIMESTEPS; i++) {
            t.data()[i * CARDINALITY + ints[from * TIMESTEPS + i]] = 1f;
        }
        return t;
    }
}
