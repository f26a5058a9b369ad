package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq2seq4j.bench.EchoExperiment;
import org.seq2seq4j.bench.EchoModel;
import org.seq2seq4j.bench.EchoSummary;
import org.seq2seq4j.kernels.Gemms;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demo echo}: the echo experiment of the encoder-decoder attention tutorial
 * ({@link EchoExperiment}), repeated with seeds {@code seed, seed + 1, ...}; one progress line per
 * repeat, then the mean exact-match accuracy per model.
 *
 * <pre>{@code
 * bin/seq2seq4j demo echo --both --repeats 10
 * bin/seq2seq4j demo echo --attention --batch 32 --steps 5000 --repeats 3 --eval 500 --json
 * }</pre>
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = {"The echo experiment of the encoder-decoder attention tutorial, with and without attention.",
            "5 random integers in [0, 50) one-hot in, the first 2 then 0 out; trains the attention model "
                + "LSTM(150, return_sequences) -> AttentionDecoder(150, 50) and/or the baseline "
                + "LSTM(150) -> RepeatVector(5) -> LSTM(150) -> TimeDistributed(Dense(50, softmax)) with adam, "
                + "and prints the accuracy (all 5 steps exact) on fresh sequences."})
final class EchoDemoCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    Models models = new Models();

    @Option(names = "--steps", defaultValue = "5000", paramLabel = "<n>",
            description = "Adam updates per repeat, each on a fresh batch (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "<n>",
            description = "Fresh sequences per update (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eval", defaultValue = "100", paramLabel = "<n>",
            description = "Fresh sequences scored per repeat, one at a time (default: ${DEFAULT-VALUE}).")
    int eval;

    @Option(names = "--repeats", defaultValue = "10", paramLabel = "<n>",
            description = "Independent runs per model (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "<s>",
            description = "Seed of the first repeat; repeat r uses seed + r - 1 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object per model on stdout "
            + "(model, accuracy, accuracy_per_repeat, train_seconds, ms_per_step); progress goes to stderr.")
    boolean json;

    @ParentCommand
    DemoCommand demo;

    @Spec
    CommandSpec spec;

    /** Which models to train; the attention model when none is given. */
    static final class Models {
        @Option(names = "--attention", description = "Train the attention model (the default).")
        boolean attention;

        @Option(names = "--baseline", description = "Train the baseline encoder-decoder.")
        boolean baseline;

        @Option(names = "--both", description = "Train the baseline, then the attention model.")
        boolean both;

        List<EchoModel> chosen() {
            return both ? List.of(EchoModel.BASELINE, EchoModel.ATTENTION)
                    : baseline ? List.of(EchoModel.BASELINE) : List.of(EchoModel.ATTENTION);
        }
    }

    @Override
    public Integer call() {
        Arguments.requirePositive(spec, "--steps", steps);
        Arguments.requirePositive(spec, "--batch", batch);
        Arguments.requirePositive(spec, "--eval", eval);
        Arguments.requirePositive(spec, "--repeats", repeats);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        if (demo.main.verbose) {
            progress.println("GEMM backend: " + Gemms.get().name());
        }
        progress.printf(Locale.ROOT, "Echo: 5 random integers in [0, 50) one-hot; target: the first 2, then 0. "
                + "%d update(s) of batch %d per repeat, %d fresh sequence(s) scored (all 5 steps exact).%n",
                steps, batch, eval);
        for (EchoModel model : models.chosen()) {
            progress.println(model.label() + ": " + model.architecture());
            List<EchoExperiment.Result> results = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                EchoExperiment.Result res = EchoExperiment.run(model, seed + r, steps, batch, eval);
                results.add(res);
                progress.printf(Locale.ROOT, "%s %d/%d (seed %d): %.1f%% exact (first 2: %.1f%%), loss %.4f, "
                                + "%.1f s, %.2f ms/step%n", model.label(), r + 1, repeats, seed + r,
                        100 * res.accuracy(), 100 * res.accuracyFirst2(), res.finalLoss(), res.trainSeconds(),
                        res.msPerStep());
                progress.flush();
            }
            EchoSummary summary = new EchoSummary(model, results);
            progress.printf(Locale.ROOT, "%s: %.1f%% mean exact match over %d repeat(s) (std %.1f points), "
                            + "%,d parameters, %.1f s and %.2f ms/step per repeat%n", model.label(),
                    100 * summary.accuracy(), repeats, 100 * summary.accuracyStd(), results.get(0).params(),
                    summary.trainSeconds(), summary.msPerStep());
            if (json) {
                out.println(summary.toJson());
            }
            out.flush();
        }
        return 0;
    }
}
