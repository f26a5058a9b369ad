package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.testing.Captured;

/** Backend selection rules of {@link Gemms}. */
class GemmsTest {
    /** A native backend that cannot load, as on a platform without the OpenBLAS natives. */
    private static final Supplier<Gemm> MISSING = () -> {
        throw new Seq2SeqException("Gemms: OpenBLAS native library (org.bytedeco openblas, Mac OS X-aarch64) could "
                + "not be loaded: java.lang.UnsatisfiedLinkError: no jniopenblas in java.library.path");
    };

    @Test
    void explicitNamesPickThatBackend() {
        assertEquals("java", Gemms.create("java").name());
        assertEquals("naive", Gemms.create(" Naive ").name());
        assertEquals("openblas", Gemms.create("openblas").name());
    }

    @Test
    void autoPrefersOpenBlasWhenItLoads() {
        assertEquals("openblas", Gemms.create(null).name());
        assertEquals("openblas", Gemms.create("auto").name());
    }

    @Test
    void autoFallsBackToJavaAndWarnsOnceThroughTheLogger() {
        List<LogRecord> records = Captured.logs(Gemms.class.getName(), () -> {
            assertEquals("java", Gemms.create("auto", MISSING).name());
            assertEquals("java", Gemms.create(null, MISSING).name());
        });
        assertEquals(1, records.size(), records.toString());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        String m = records.get(0).getMessage();
        assertTrue(m.contains("Mac OS X-aarch64") && m.contains("UnsatisfiedLinkError") && m.contains("pure-Java GEMM")
                && m.contains("-D" + Gemms.PROPERTY + "=java"), m);
    }

    @Test
    void explicitOpenBlasThatCannotLoadIsAnError() {
        List<LogRecord> records = Captured.logs(Gemms.class.getName(), () -> {
            Seq2SeqException e = assertThrows(Seq2SeqException.class, () -> Gemms.create("openblas", MISSING));
            assertTrue(e.getMessage().contains("could not be loaded"), e.getMessage());
        });
        assertEquals(List.of(), records, "an error, not a logged fallback");
    }

    @Test
    void theActiveBackendIsTheOneThePropertyNames() {
        String asked = System.getProperty(Gemms.PROPERTY, "auto");
        String expected = asked;
        if (asked.equals("auto")) {
            expected = "openblas";
            try {
                Gemms.openBlas();
            } catch (Seq2SeqException e) {
                expected = "java";
            }
        }
        assertEquals(expected, Gemms.get().name(), Gemms.PROPERTY + "=" + asked);
    }

    @Test
    void unknownNameIsAConfigErrorListingTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> Gemms.create("mkl"));
        assertEquals(Gemms.PROPERTY, e.argument());
        assertEquals("'mkl'", e.received());
        assertTrue(e.expected().contains("auto, openblas, java, naive"), e.getMessage());
    }

    @Test
    void threadsMustBePositive() {
        int before = Gemms.threads();
        ConfigException e = assertThrows(ConfigException.class, () -> Gemms.setThreads(0));
        assertEquals("0", e.received());
        assertEquals(before, Gemms.threads());
    }

    @Test
    void singleThreadGivesTheSameProduct() {
        int before = Gemms.threads();
        try {
            java.util.Random rnd = new java.util.Random(1);
            int m = 40, n = 700, k = 90;
            float[] a = GemmBackendTest.matrix(rnd, 0, m, k, k, 0f), b = GemmBackendTest.matrix(rnd, 0, k, n, n, 0f);
            float[] c1 = new float[m * n], c2 = new float[m * n];
            Gemms.setThreads(1);
            new JavaGemm().sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c1, 0, n);
            Gemms.setThreads(2);
            new JavaGemm().sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c2, 0, n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(c1, c2);
        } finally {
            Gemms.setThreads(before);
        }
    }
}
