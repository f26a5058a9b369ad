package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demo reverse}: trains an encoder-decoder (LSTM → RepeatVector → LSTM →
 * TimeDistributed(Dense softmax)) on a generated task (reverse or sort digits) and prints its
 * accuracy on fresh sequences.
 */
@Command(name = "reverse", mixinStandardHelpOptions = true,
        description = "Train a small seq2seq model on a generated task (reverse or sort digits) and print its "
                + "accuracy.")
final class ReverseDemoCommand implements Callable<Integer> {
    @Option(names = "--task", defaultValue = "REVERSE", paramLabel = "<task>",
            description = "reverse or sort (default: ${DEFAULT-VALUE}).", converter = TaskConverter.class)
    SequenceTask task;

    @Option(names = "--length", defaultValue = "6", description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--vocab", defaultValue = "8", description = "Number of symbols (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--units", defaultValue = "96", description = "LSTM units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--samples", defaultValue = "8000", description = "Training sequences (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--epochs", defaultValue = "12", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @ParentCommand
    DemoCommand demo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Arguments.requirePositive(spec, "--length", length);
        Arguments.requirePositive(spec, "--vocab", vocab);
        Arguments.requirePositive(spec, "--units", units);
        Arguments.requirePositive(spec, "--samples", samples);
        Arguments.requirePositive(spec, "--epochs", epochs);
        PrintWriter out = spec.commandLine().getOut();
        if (demo.main.verbose) {
            out.println("GEMM backend: " + Gemms.get().name());
        }
        Seq2Seq4j.seed(seed);
        SplittableRandom data = new SplittableRandom(seed);
        Tensor[] train = task.generate(samples, length, vocab, data);
        Tensor[] test = task.generate(500, length, vocab, data);
        Sequential model = new Sequential()
                .add(new LSTM(units).inputShape(length, vocab))
                .add(new RepeatVector(length))
                .add(new LSTM(units).returnSequences(true))
                .add(new TimeDistributed(new Dense(vocab).activation(ActivationFunction.SOFTMAX)));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        out.printf(Locale.ROOT, "Task: %s sequences of %d symbols out of %d; %d training and %d test sequences%n",
                task.name().toLowerCase(Locale.ROOT), length, vocab, samples, 500);
        model.summary(new java.io.PrintStream(new WriterStream(out), true, java.nio.charset.StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        model.fit(train[0], train[1], new FitOptions().batchSize(32).epochs(epochs).validationSplit(0.1).verbose(2));
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] predicted = model.predictClasses(test[0]);
        int tokens = 0;
        int sequences = 0;
        for (int s = 0; s < 500; s++) {
            boolean all = true;
            for (int t = 0; t < length; t++) {
                boolean ok = test[1].data()[((s * length + t) * vocab) + predicted[s * length + t]] == 1f;
                tokens += ok ? 1 : 0;
                all &= ok;
            }
            sequences += all ? 1 : 0;
        }
        out.printf(Locale.ROOT, "Trained in %.1f s. Test accuracy: %.1f%% of symbols, %.1f%% of whole sequences.%n",
                seconds, 100.0 * tokens / (500 * length), 100.0 * sequences / 500);
        return 0;
    }

    /** Case-insensitive task names. */
    static final class TaskConverter implements picocli.CommandLine.ITypeConverter<SequenceTask> {
        @Override
        public SequenceTask convert(String value) {
            try {
                return SequenceTask.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a task; use reverse or sort (the echo experiment is 'demo echo')");
            }
        }
    }
}
