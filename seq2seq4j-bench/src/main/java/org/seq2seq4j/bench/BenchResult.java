package org.seq2seq4j.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one workload run measured: throughput and step time of its main step, plus named extra
 * numbers (e.g. {@code gflops.java.1024x1024x1024}) in insertion order.
 *
 * <pre>{@code
 * BenchResult r = new BenchResult("gemm", 64, 2, "openblas", 1500.0, 42.7, Map.of("gflops", 80.0));
 * r.toJson(); // {"workload":"gemm","batch":64,"threads":2,"backend":"openblas","samples_per_s":1500.0,...}
 * }</pre>
 *
 * @param workload   workload name
 * @param batch      samples per step
 * @param threads    compute threads
 * @param backend    active GEMM backend name
 * @param samplesPerS samples per second of the main step
 * @param msPerStep  milliseconds per main step
 * @param extra      further named numbers
 */
public record BenchResult(String workload, int batch, int threads, String backend,
                          double samplesPerS, double msPerStep, Map<String, Double> extra) {
    /**
     * The result of a step of {@code samplesPerStep} samples timed by {@code t}: samples/s and ms/step
     * from the median repeat, then {@code samples_per_s_min}, {@code samples_per_s_max} and
     * {@code repeats}, then {@code extra}.
     */
    public static BenchResult of(String workload, int batch, int threads, String backend, double samplesPerStep, Timing t,
                                 Map<String, Double> extra) {
        Map<String, Double> all = new LinkedHashMap<>();
        all.put("samples_per_s_min", samplesPerStep / t.max());
        all.put("samples_per_s_max", samplesPerStep / t.min());
        all.put("repeats", (double) t.repeats());
        all.putAll(extra);
        return new BenchResult(workload, batch, threads, backend, samplesPerStep / t.median(), 1000 * t.median(), all);
    }

    /** Keeps an unmodifiable copy of {@code extra} in its order. */
    public BenchResult {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** One JSON object on one line; keys in snake_case, extras after the fixed fields. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"workload\":").append(Json.quote(workload));
        sb.append(",\"batch\":").append(batch);
        sb.append(",\"threads\":").append(threads);
        sb.append(",\"backend\":").append(Json.quote(backend));
        sb.append(",\"samples_per_s\":").append(Json.number(samplesPerS));
        sb.append(",\"ms_per_step\":").append(Json.number(msPerStep));
        extra.forEach((k, v) -> sb.append(',').append(Json.quote(k)).append(':').append(Json.number(v)));
        return sb.append('}').toString();
    }

    /** A short human-readable block: a header line, then one line per extra number. */
    public String toText() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: batch %d, %d thread(s), backend %s: %.1f samples/s, %.3f ms/step%n",
                workload, batch, threads, backend, samplesPerS, msPerStep));
        extra.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-40s %10.3f%n", k, v)));
        return sb.toString();
    }
}
