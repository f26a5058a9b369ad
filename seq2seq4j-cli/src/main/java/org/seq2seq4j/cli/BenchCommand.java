package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.seq2seq4j.bench.BenchOptions;
import org.seq2seq4j.bench.BenchResult;
import org.seq2seq4j.bench.Workload;
import org.seq2seq4j.bench.Workloads;
import org.seq2seq4j.kernels.Gemms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Runs one benchmark workload and prints what it measured (one JSON object with {@code --json}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a workload: gemm, lstm_seq2seq, gru_seq2seq, bilstm_encoder (training samples/s), "
                + "decode (ms/sentence), echo or echo_attention (training ms/step of the echo experiment's models).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-w", "--workload"}, paramLabel = "<name>", description = "Workload to run; see --list.")
    String workload;

    @Option(names = {"-b", "--batch"}, defaultValue = "64", paramLabel = "<n>",
            description = "Samples per step (default: ${DEFAULT-VALUE}; decode always runs batch 1).")
    int batch;

    @Option(names = {"-t", "--threads"}, paramLabel = "<n>",
            description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--seconds", defaultValue = "2", paramLabel = "<s>",
            description = "Measuring time of each repeat (default: ${DEFAULT-VALUE}); warm-up is the same, at most 3 s.")
    double seconds;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "<n>",
            description = "Timed repeats in this process; results give the median, min and max (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    boolean json;

    @Option(names = "--list", description = "List the workloads and exit.")
    boolean list;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Workload w : Workloads.all()) {
                out.printf("%-14s %s%n", w.name(), w.description());
            }
            return 0;
        }
        if (workload == null) {
            throw new ParameterException(spec.commandLine(), "--workload is required; one of " + Workloads.names());
        }
        Arguments.requirePositive(spec, "--batch", batch);
        if (threads != null) {
            Arguments.requirePositive(spec, "--threads", threads);
        }
        Arguments.requirePositive(spec, "--seconds", seconds);
        Arguments.requirePositive(spec, "--repeats", repeats);
        Workload w = Workloads.byName(workload);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Gemms.setThreads(t);
        if (main.verbose) {
            spec.commandLine().getErr().println("GEMM backend: " + Gemms.get().name() + ", threads: " + t);
        }
        BenchResult r = w.run(BenchOptions.defaults().withBatch(batch).withThreads(t)
                .withSeconds(Math.min(3, seconds), seconds).withRepeats(repeats));
        out.print(json ? r.toJson() + System.lineSeparator() : r.toText());
        out.flush();
        return 0;
    }
}
