package org.seq2seq4j.bench;

import org.seq2seq4j.ConfigException;

/**
 * Settings shared by every workload: batch size, compute threads, and the seconds of warm-up
 * and of measurement per timed step.
 *
 * <pre>{@code
 * BenchOptions o = BenchOptions.defaults().withBatch(64).withThreads(1); // batch 64, 1 thread
 * }</pre>
 *
 * @param batch          samples per step (rows of the LSTM-shaped products), at least 1
 * @param threads        threads for the GEMM backends ({@code Gemms.setThreads}), at least 1
 * @param warmupSeconds  untimed seconds before each measurement, at least 0
 * @param measureSeconds timed seconds per measurement, more than 0
 * @param repeats        timed measurements, at least 1 (results give their median, min and max)
 */
public record BenchOptions(int batch, int threads, double warmupSeconds, double measureSeconds, int repeats) {
    /** Batch 64, all available processors, 0.5 s warm-up, 3 measurements of 1 s. */
    public static BenchOptions defaults() {
        return new BenchOptions(64, Runtime.getRuntime().availableProcessors(), 0.5, 1.0, 3);
    }

    /** Checks every field. */
    public BenchOptions {
        if (batch < 1) {
            throw ConfigException.argument("bench", "batch", "at least 1", batch);
        }
        if (threads < 1) {
            throw ConfigException.argument("bench", "threads", "at least 1", threads);
        }
        if (!(warmupSeconds >= 0)) {
            throw ConfigException.argument("bench", "warmup seconds", ">= 0", warmupSeconds);
        }
        if (!(measureSeconds > 0)) {
            throw ConfigException.argument("bench", "measure seconds", "> 0", measureSeconds);
        }
        if (repeats < 1) {
            throw ConfigException.argument("bench", "repeats", "at least 1", repeats);
        }
    }

    public BenchOptions withBatch(int b) {
        return new BenchOptions(b, threads, warmupSeconds, measureSeconds, repeats);
    }

    public BenchOptions withThreads(int t) {
        return new BenchOptions(batch, t, warmupSeconds, measureSeconds, repeats);
    }

    public BenchOptions withSeconds(double warmup, double measure) {
        return new BenchOptions(batch, threads, warmup, measure, repeats);
    }

    public BenchOptions withRepeats(int n) {
        return new BenchOptions(batch, threads, warmupSeconds, measureSeconds, n);
    }
}
