package org.seq2seq4j.bench;

/**
 * Times a step: runs it untimed for the warm-up seconds, then counts calls for the measure
 * seconds (checking the clock once per call) and returns seconds per call.
 *
 * <pre>{@code
 * double s = Stopwatch.secondsPerCall(() -> gemm.sgemm(...), 0.5, 1.0);
 * }</pre>
 */
public final class Stopwatch {
    private Stopwatch() {
    }

    /** Mean seconds per call of {@code step} over about {@code measureSeconds}, after {@code warmupSeconds}. */
    public static double secondsPerCall(Runnable step, double warmupSeconds, double measureSeconds) {
        runFor(step, warmupSeconds);
        step.run();
        long start = System.nanoTime();
        long calls = runFor(step, measureSeconds);
        return (System.nanoTime() - start) / 1e9 / calls;
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
