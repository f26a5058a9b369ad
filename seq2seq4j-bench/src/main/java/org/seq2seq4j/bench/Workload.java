package org.seq2seq4j.bench;

/**
 * One named benchmark the CLI {@code bench} command can run. Adding a workload is one class
 * implementing this plus one line in {@link Workloads}.
 *
 * <pre>{@code
 * BenchResult r = Workloads.byName("gemm").run(BenchOptions.defaults().withBatch(64));
 * System.out.println(r.toJson());
 * }</pre>
 */
public interface Workload {
    /** The name used on the command line, e.g. {@code "gemm"}. */
    String name();

    /** One line saying what is measured, for {@code bench --list}. */
    String description();

    /** Runs the workload with the given options and returns what it measured. */
    BenchResult run(BenchOptions options);
}
