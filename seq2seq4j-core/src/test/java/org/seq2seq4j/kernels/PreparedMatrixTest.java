package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Products with a prepared B against {@link NaiveGemm}, for every backend: one row (the batch-1
 * RNN step, split into sgemv column blocks), few rows, many rows, both B layouts, a strided C
 * whose gaps must survive, beta 0 over NaN, B a column block of a wider prepared matrix; and {@link PreparedMatrix#refresh()} picking up writes.
 */
class PreparedMatrixTest {
    private static final float GAP = 12345f;
    private static final int[][] SHAPES = {{1, 1024, 256}, {1, 256, 1024}, {1, 7, 5}, {3, 200, 130}, {64, 1024, 256},
        {64, 256, 1024}, {130, 70, 90}, {200, 300, 2}};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Gemm g : List.of(new JavaGemm(), Gemms.openBlas())) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    cases.add(Arguments.of(g, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} tA={1} tB={2} m={3} n={4} k={5}")
    @MethodSource("cases")
    void preparedProductMatchesNaive(Gemm gemm, boolean tA, boolean tB, int m, int n, int k) {
        Random rnd = new Random(17L * m + 5L * n + k);
        float beta = (m + n) % 2 == 0 ? 0f : 0.5f;
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + 2, ldc = n + 3;
        float[] a = GemmBackendTest.matrix(rnd, 1, aRows, aCols, lda, Float.NaN);
        int ldb = bCols + 5;
        float[] b = GemmBackendTest.matrix(rnd, 5, bRows, bCols, ldb, 0f);
        float[] c = GemmBackendTest.matrix(rnd, 2, m, n, ldc, GAP);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, 2 + i * ldc, 2 + i * ldc + n, Float.NaN);
            }
        }
        float[] expected = c.clone();
        new NaiveGemm().sgemm(tA, tB, m, n, k, 1.5f, a, 1, lda, b, 5, ldb, beta, expected, 2, ldc);
        try (PreparedMatrix p = gemm.prepare(b, 3, bRows, ldb)) {
            gemm.sgemm(tA, tB, m, n, k, 1.5f, a, 1, lda, p, 2, beta, c, 2, ldc);
        }
        assertAllClose(expected, c, 1e-5 * (k + 1), gemm.name() + " prepared sgemm");
    }

    @Test
    void refreshSeesWritesToTheArray() {
        for (Gemm gemm : List.of(new JavaGemm(), Gemms.openBlas())) {
            int k = 256, n = 1024;
            float[] x = new float[k];
            x[3] = 1f;
            float[] b = new float[k * n];
            float[] y = new float[n];
            try (PreparedMatrix p = gemm.prepare(b, 0, k, n)) {
                b[3 * n + 7] = 2f;
                p.refresh();
                gemm.sgemm(false, false, 1, n, k, 1f, x, 0, k, p, 0, 0f, y, 0, n);
            }
            float[] expected = new float[n];
            expected[7] = 2f;
            assertArrayEquals(expected, y, gemm.name());
        }
    }
}
