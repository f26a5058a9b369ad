package org.seq2seq4j.cli;

import java.io.PrintWriter;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code seq2seq4j} command. Exit codes: 0 success, 1 unexpected failure (a bug), 2 bad input
 * of any kind (usage, argument, model or data), 130 interrupted.
 *
 * <pre>{@code
 * bin/seq2seq4j demo
 * bin/seq2seq4j demo echo --both
 * bin/seq2seq4j bench --workload lstm_seq2seq --batch 64 --json
 * bin/seq2seq4j score --hyp hyp.txt --ref ref.txt --metrics bleu,chrf
 * bin/seq2seq4j serve models/dates.keras --port 8080
 * }</pre>
 */
@Command(name = "seq2seq4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sequence-to-sequence neural networks with Keras semantics.",
        subcommands = {DemoCommand.class, TrainCommand.class, TranslateCommand.class, EvaluateCommand.class,
                BenchCommand.class, SummaryCommand.class, PredictCommand.class, ConvertCommand.class,
                ScoreCommand.class, ServeCommand.class, LoadTestCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int BAD_INPUT = 2;
    static final int BUG = 1;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the compute backend and, on errors, the stack trace.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setAllowSubcommandsAsOptionParameters(true);        // demo --task echo: a task name, not the subcommand
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(prefix(ex.getCommandLine()) + ex.getMessage());
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = commandLine.getCommandSpec().root().userObject() instanceof Main m && m.verbose;
            PrintWriter e = commandLine.getErr();
            if (ex instanceof Seq2SeqException || ex instanceof java.io.IOException) {
                e.println(prefix(commandLine) + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(e);
                }
                return BAD_INPUT;
            }
            e.println(prefix(commandLine) + "internal error: " + ex + " (this is a bug; please report it with the "
                    + "command you ran" + (verbose ? ")" : " and the output of --verbose)"));
            if (verbose) {
                ex.printStackTrace(e);
            }
            return BUG;
        });
        return cl.execute(args);
    }

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName(" ") + ": ";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the library version and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seq2seq4j " + Seq2Seq4j.version(), "Java " + System.getProperty("java.version")};
        }
    }
}
