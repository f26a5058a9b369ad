package org.seq2seq4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.spark.SparkMain;

/**
 * Runs a command of the Spark module ({@code org.seq2seq4j.spark.SparkMain}: translate, train,
 * bench) on a Spark master for {@code --spark MASTER}. Spark is not in the command line's jar (a
 * cluster brings its own): it is reached through {@code $SPARK_HOME/bin/spark-submit}, with this jar
 * as the application, or, when Spark's jars are on this JVM's class path, in this process. When
 * neither is there, one message says how to get it.
 */
final class SparkLauncher {
    static final String MAIN = SparkMain.class.getName();
    private static final String SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";

    /** How Spark is reached: a {@code spark-submit} to run, or (null) Spark's classes in this JVM. */
    record Route(Path sparkSubmit) {
        boolean inProcess() {
            return sparkSubmit == null;
        }
    }

    private SparkLauncher() {
    }

    /** The route from the environment ({@code SPARK_HOME}) or the class path; a clear error when there is none. */
    static Route find(Map<String, String> env, ClassLoader loader) {
        String home = env.get("SPARK_HOME");
        if (home != null && !home.isBlank()) {
            Path submit = Path.of(home, "bin", "spark-submit");
            if (!Files.isExecutable(submit)) {
                throw new Seq2SeqException("--spark: SPARK_HOME is " + home + " but " + submit
                        + " is not there; point SPARK_HOME at an Apache Spark 4 installation");
            }
            return new Route(submit);
        }
        try {
            Class.forName(SUBMIT_CLASS, false, loader);
            return new Route(null);
        } catch (ClassNotFoundException e) {
            throw new Seq2SeqException("--spark needs Apache Spark 4, which this jar does not include: set SPARK_HOME "
                    + "to a Spark 4 installation, put Spark's jars on the class path, or run "
                    + "seq2seq4j-spark-<version>-all.jar with spark-submit --class " + MAIN);
        }
    }

    /**
     * Runs {@code command} (a SparkMain subcommand and its arguments) on {@code master} and returns
     * its exit code: spark-submit's, with this program's output and error streams, or SparkMain's.
     */
    static int run(String master, List<String> command, PrintWriter out, PrintWriter err) {
        Route r = find(System.getenv(), SparkLauncher.class.getClassLoader());
        if (r.inProcess()) {
            System.setProperty("spark.master", master);
            return SparkMain.run(command.toArray(new String[0]), out, err);
        }
        return submit(r.sparkSubmit(), master, ownJar(), command);
    }

    /** The spark-submit command line for {@code command} with {@code appJar} as the application. */
    static List<String> submitCommand(Path sparkSubmit, String master, Path appJar, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of(sparkSubmit.toString(), "--master", master, "--class", MAIN,
                appJar.toString()));
        cmd.addAll(command);
        return cmd;
    }

    static int submit(Path sparkSubmit, String master, Path appJar, List<String> command) {
        try {
            Process p = new ProcessBuilder(submitCommand(sparkSubmit, master, appJar, command)).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            throw new Seq2SeqException("--spark: cannot run " + sparkSubmit + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Seq2SeqException("--spark: interrupted while " + sparkSubmit + " ran", e);
        }
    }

    /** The jar this program runs from, the application spark-submit ships to the executors. */
    private static Path ownJar() {
        try {
            Path p = Path.of(SparkLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) {
                throw new Seq2SeqException("--spark: the command line runs from " + p + ", not a jar; build it with "
                        + "bin/seq2seq4j (or mvn package) first");
            }
            return p;
        } catch (URISyntaxException e) {
            throw new Seq2SeqException("--spark: cannot locate the command line's jar (" + e.getMessage() + ")", e);
        }
    }
}
