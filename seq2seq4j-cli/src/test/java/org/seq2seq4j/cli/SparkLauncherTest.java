package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2SeqException;

/**
 * {@code --spark}: without SPARK_HOME and without Spark's jars (the command line's own class path
 * has none) one message says how to get Spark; a SPARK_HOME without spark-submit is named; with one,
 * spark-submit gets the master, SparkMain and the command, and its exit code is the command's.
 */
class SparkLauncherTest {
    @TempDir
    Path dir;

    @Test
    void withoutSparkTheMessageSaysHowToGetIt() {
        Seq2SeqException e = assertThrows(Seq2SeqException.class,
                () -> SparkLauncher.find(Map.of(), SparkLauncherTest.class.getClassLoader()));
        assertEquals("--spark needs Apache Spark 4, which this jar does not include: set SPARK_HOME to a Spark 4 "
                + "installation, put Spark's jars on the class path, or run seq2seq4j-spark-<version>-all.jar with "
                + "spark-submit --class org.seq2seq4j.spark.SparkMain", e.getMessage());
    }

    @Test
    void translateSparkWithoutSparkGivesTheMessageAndExitCode2() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new String[] {"translate", "model.s2s", "--spark", "local[*]", "--input", "in.txt",
            "--output", "out"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        if (System.getenv("SPARK_HOME") == null) {
            assertEquals(2, code);
            assertTrue(err.toString().startsWith("seq2seq4j translate: --spark needs Apache Spark 4"), err.toString());
        }
        err.getBuffer().setLength(0);
        assertEquals(2, Main.run(new String[] {"translate", "model.s2s", "--spark", "local[*]", "hello"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)));
        assertEquals("seq2seq4j translate: --spark MASTER, --input and --output go together, without TEXT, "
                + "--attention, --json or --n-best", err.toString().strip());
    }

    @Test
    void aSparkHomeWithoutSparkSubmitIsNamed() {
        Seq2SeqException e = assertThrows(Seq2SeqException.class,
                () -> SparkLauncher.find(Map.of("SPARK_HOME", dir.toString()), getClass().getClassLoader()));
        assertEquals("--spark: SPARK_HOME is " + dir + " but " + dir.resolve("bin/spark-submit")
                + " is not there; point SPARK_HOME at an Apache Spark 4 installation", e.getMessage());
    }

    @Test
    void sparkSubmitGetsTheMasterTheMainClassAndTheCommand() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path args = dir.resolve("args.txt");
        Path submit = Files.writeString(bin.resolve("spark-submit"),
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\nexit 3\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        SparkLauncher.Route r = SparkLauncher.find(Map.of("SPARK_HOME", dir.toString()), getClass().getClassLoader());
        assertEquals(submit, r.sparkSubmit());
        Path jar = dir.resolve("seq2seq4j-cli.jar");
        assertEquals(3, SparkLauncher.submit(r.sparkSubmit(), "local[*]", jar, List.of("translate", "--beam", "4")));
        assertEquals(List.of("--master", "local[*]", "--class", "org.seq2seq4j.spark.SparkMain", jar.toString(),
                "translate", "--beam", "4"), Files.readAllLines(args));
        assertTrue(SparkLauncher.submitCommand(submit, "local[2]", jar, List.of()).get(0).endsWith("spark-submit"));
    }
}
