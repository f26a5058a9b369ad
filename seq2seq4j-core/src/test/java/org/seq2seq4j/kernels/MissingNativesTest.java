package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.testing.TestClasspath;

/**
 * A user's JVM without the OpenBLAS natives for its platform (as on macOS, ARM or Windows with only
 * seq2seq4j-core's linux-x86_64 jars): {@link GemmProbe} in a child JVM whose classpath lacks every
 * javacpp platform jar. {@code auto} falls back to the Java GEMM with one logged warning and right
 * products; an explicit {@code openblas}, or an unknown name, is the same typed error on every call.
 */
class MissingNativesTest {
    /** The javacpp platform jars, e.g. {@code openblas-0.3.31-1.5.13-linux-x86_64.jar}. */
    private static final Pattern NATIVES = Pattern.compile(".*-(linux|macosx|windows|android|ios)-[a-z0-9_]+\\.jar");

    private record Run(List<String> out, String err) {
    }

    private static Run probe(boolean withNatives, String gemmProperty) throws IOException, InterruptedException {
        List<String> cp = new ArrayList<>();
        for (String e : TestClasspath.entries()) {
            if (withNatives || !NATIVES.matcher(Paths.get(e).getFileName().toString()).matches()) {
                cp.add(e);
            }
        }
        if (!withNatives) {
            assertTrue(cp.size() < TestClasspath.entries().size(), "no native jar on the test classpath to leave out");
        }
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", TestClasspath.joined(cp)));
        if (gemmProperty != null) {
            cmd.add("-D" + Gemms.PROPERTY + "=" + gemmProperty);
        }
        cmd.add(GemmProbe.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        return new Run(new String(out, StandardCharsets.UTF_8).lines().toList(), stderr);
    }

    @Test
    void autoWithoutTheNativesRunsTheJavaGemmAndWarnsOnce() throws Exception {
        Run r = probe(false, null);
        assertEquals(List.of("get: java", "get: java"), r.out().subList(0, 2), r.toString());
        double diff = Double.parseDouble(r.out().get(2).substring("diff: ".length()));
        assertTrue(diff <= 1e-4, "Java GEMM against the naive product: " + diff);
        assertEquals(1, r.err().lines().filter(l -> l.contains("OpenBLAS native library")).count(), r.err());
        assertTrue(r.err().contains("WARNING") && r.err().contains("using the pure-Java GEMM"), r.err());
    }

    @Test
    void explicitOpenBlasWithoutTheNativesIsTheSameTypedErrorEveryCall() throws Exception {
        Run r = probe(false, "openblas");
        assertEquals(2, r.out().size(), r.toString());
        for (String line : r.out()) {
            assertTrue(line.startsWith("error: Seq2SeqException: Gemms: OpenBLAS native library")
                    && line.contains("could not be loaded"), line);
        }
        assertEquals(r.out().get(0), r.out().get(1));
    }

    @Test
    void withTheNativesAutoPicksOpenBlasAndAnUnknownNameIsAConfigError() throws Exception {
        String here = "openblas";
        try {
            Gemms.openBlas();
        } catch (Seq2SeqException e) {
            here = "java";                 // a platform whose natives this build does not bring
        }
        assertEquals(List.of("get: " + here, "get: " + here), probe(true, null).out().subList(0, 2));
        Run r = probe(true, "mkl");
        assertEquals(2, r.out().size(), r.toString());
        assertEquals(r.out().get(0), r.out().get(1));
        assertTrue(r.out().get(0).startsWith("error: ConfigException: ") && r.out().get(0).contains("'mkl'"),
                r.toString());
    }
}
