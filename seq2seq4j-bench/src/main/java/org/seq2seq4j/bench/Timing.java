package org.seq2seq4j.bench;

import java.util.Arrays;

/**
 * Seconds per call of a step in each of several timed repeats in one process, so a result says
 * how sure it is: the median, and the fastest and slowest repeat.
 *
 * <pre>{@code
 * Timing t = new Timing(new double[] {0.012, 0.010, 0.011});
 * t.median();   // 0.011
 * t.min();      // 0.010
 * }</pre>
 *
 * @param secondsPerCall one value per repeat, in the order measured
 */
public record Timing(double[] secondsPerCall) {
    public Timing {
        if (secondsPerCall.length == 0) {
            throw new IllegalArgumentException("a timing needs at least one repeat");
        }
        secondsPerCall = secondsPerCall.clone();
    }

    private double[] sorted() {
        double[] s = secondsPerCall.clone();
        Arrays.sort(s);
        return s;
    }

    /** The median seconds per call (the mean of the middle two for an even count). */
    public double median() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The fastest repeat's seconds per call. */
    public double min() {
        return sorted()[0];
    }

    /** The slowest repeat's seconds per call. */
    public double max() {
        double[] s = sorted();
        return s[s.length - 1];
    }

    public int repeats() {
        return secondsPerCall.length;
    }
}
