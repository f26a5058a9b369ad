package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;

/** Backend selection rules of {@link Gemms}. */
class GemmsTest {
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
