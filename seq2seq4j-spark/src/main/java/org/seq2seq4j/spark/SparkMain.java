package org.seq2seq4j.spark;

import java.io.PrintWriter;
import org.seq2seq4j.Seq2SeqException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The main class of the shaded jar, for {@code spark-submit}. Exit codes as the {@code seq2seq4j}
 * command: 0 success, 1 unexpected failure, 2 bad input.
 *
 * <pre>{@code
 * spark-submit --master local[2] --class org.seq2seq4j.spark.SparkMain seq2seq4j-spark-all.jar bench --sentences 500
 * spark-submit --master yarn --class org.seq2seq4j.spark.SparkMain seq2seq4j-spark-all.jar translate fr-en.s2s \
 *     --input hdfs:///corpus.txt --output hdfs:///translated
 * }</pre>
 */
@Command(name = "seq2seq4j-spark", mixinStandardHelpOptions = true,
        description = "seq2seq4j on Apache Spark: run with spark-submit --class org.seq2seq4j.spark.SparkMain.",
        subcommands = {SparkTranslateCommand.class, SparkBenchCommand.class, CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs a command and exits with its code (spark-submit then stops the application). */
    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof Seq2SeqException) {
                commandLine.getErr().println("seq2seq4j-spark " + commandLine.getCommandName() + ": "
                        + ex.getMessage());
                return BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
