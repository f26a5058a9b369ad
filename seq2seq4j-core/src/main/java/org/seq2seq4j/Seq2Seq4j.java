package org.seq2seq4j;

import java.util.SplittableRandom;

/**
 * Library-wide settings. {@link #seed(long)} makes weight initialisation, dropout and shuffling
 * reproducible: layers and models created after the call draw their random streams from it.
 *
 * <pre>{@code
 * Seq2Seq4j.seed(42);
 * Sequential model = new Sequential().add(new LSTM(8)).add(new Dense(3));
 * }</pre>
 */
public final class Seq2Seq4j {
    private static SplittableRandom root = new SplittableRandom();

    private Seq2Seq4j() {
    }

    /** Resets the global random stream; objects created afterwards are reproducible. */
    public static synchronized void seed(long seed) {
        root = new SplittableRandom(seed);
    }

    /** An independent random stream split from the global one. */
    public static synchronized SplittableRandom newRandom() {
        return root.split();
    }

    /** The library version. */
    public static String version() {
        String v = Seq2Seq4j.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
