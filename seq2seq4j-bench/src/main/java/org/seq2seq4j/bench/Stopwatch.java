package org.seq2seq4j.bench;

/**
 * Times a step: runs it untimed for the warm-up seconds, then counts calls for the measure
 * seconds (checking the clock once per call), as many times as the options ask: seconds per call per repeat.
 *
 * <pre>{@code
 * Timing t = Stopwatch.measure(() -> model.trainOnBatch(x, y), options);   // median, min, max
 * }</pre>
 */
public final class Stopwatch {
    private Stopwatch() {
    }

    /**
     * Times {@code step} as the options say: warm-up, then {@code repeats} measurements of about
     * {@code measureSeconds} each (seconds per call in each).
     */
    public static Timing measure(Runnable step, BenchOptions o) {
        runFor(step, o.warmupSeconds());
        step.run();
        double[] s = new double[o.repeats()];
        for (int r = 0; r < s.length; r++) {
            long start = System.nanoTime();
            long calls = runFor(step, o.measureSeconds());
            s[r] = (System.nanoTime() - start) / 1e9 / calls;
        }
        return new Timing(s);
    }

    private static long runFor(Runnable step, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        do {
            step.run();
            calls++;
        } while (System.nanoTime() < end);
        return calls;
    }
}
