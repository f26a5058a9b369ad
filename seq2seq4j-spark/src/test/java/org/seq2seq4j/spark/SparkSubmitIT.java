package org.seq2seq4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as a cluster runs it: a new JVM with only Spark's jars on its class path (as a
 * Spark install has) runs {@code org.apache.spark.deploy.SparkSubmit --master local[2] --class
 * org.seq2seq4j.spark.SparkMain <jar> bench ...}, the README's command; the bench decodes every
 * sentence it was given and prints the estimates.
 */
class SparkSubmitIT {
    @Test
    void theShadedJarRunsThroughSparkSubmit() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("seq2seq4j.spark.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " (built by package)");
        String sparkOnly = Files.readString(Path.of(System.getProperty("seq2seq4j.spark.classpath"))).trim();
        assertTrue(sparkOnly.contains("spark-core_2.13") && !sparkOnly.contains("seq2seq4j"), sparkOnly);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("seq2seq4j.spark.jvmFlags").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-cp", sparkOnly, "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.log.level=WARN",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--class", "org.seq2seq4j.spark.SparkMain", jar.toString(),
                "bench", "--sentences", "60", "--units", "16", "--train-batch", "8", "--train-steps", "3"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(out);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit ended");
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("decode: (\\d+) sentences").matcher(out);
        assertTrue(m.find(), out);
        assertEquals("60", m.group(1), out);
        assertTrue(out.contains("Spark 4.") && out.contains("master local[2], 2 partitions"), out);
        assertTrue(out.contains("estimate 8 executors") && out.contains("estimate 64 executors"), out);
    }
}
