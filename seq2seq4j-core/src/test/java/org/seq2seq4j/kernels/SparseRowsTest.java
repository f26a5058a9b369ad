package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gathers and scatters give the GEMM's numbers exactly on rows with at most one nonzero. */
class SparseRowsTest {
    private static final int ROWS = 9;
    private static final int COLS = 6;
    private static final int N = 5;

    /** One-hot rows, a scaled row (2.5 at column 4), an all-zero padding row. */
    private static float[] sparse() {
        float[] x = new float[ROWS * COLS];
        for (int r = 0; r < ROWS - 2; r++) {
            x[r * COLS + (r * 5) % COLS] = 1f;
        }
        x[(ROWS - 2) * COLS + 4] = 2.5f;
        return x;
    }

    @Test
    void findsTheNonzeroColumnOfEveryRow() {
        float[] x = sparse();
        int[] at = new int[ROWS];
        assertTrue(SparseRows.columns(x, 0, ROWS, COLS, at));
        assertArrayEquals(new int[] {0, 5, 4, 3, 2, 1, 0, 4, -1}, at);
        x[2 * COLS + 5] = -1f;
        x[2 * COLS] = 1f;
        assertFalse(SparseRows.columns(x, 0, ROWS, COLS, at));
        assertFalse(SparseRows.atMostOneNonzero(x, 0, ROWS, COLS));
        assertTrue(SparseRows.atMostOneNonzero(x, 0, 2, COLS), "the rows before the dense one");
        assertTrue(SparseRows.columns(x, 3 * COLS, ROWS - 3, COLS, at), "rows after the dense one");
    }

    /** The whole product (0, N) and column blocks, which must leave the other columns alone. */
    @ParameterizedTest(name = "columns [{0}, {1})")
    @CsvSource({"0, 5", "1, 3", "3, 5"})
    void gatherAndScatterEqualTheProducts(int from, int to) {
        Random rnd = new Random(3 + from);
        float[] x = sparse();
        int[] at = new int[ROWS];
        assertTrue(SparseRows.columns(x, 0, ROWS, COLS, at));
        float[] w = GemmBackendTest.matrix(rnd, 0, COLS, N, N, 0f);
        float[] c = GemmBackendTest.matrix(rnd, 0, ROWS, N, N, 0f);
        float[] expected = c.clone();
        new NaiveGemm().sgemm(false, false, ROWS, to - from, COLS, 1f, x, 0, COLS, w, from, N, 1f, expected, from, N);
        SparseRows.gatherAdd(x, 0, at, ROWS, COLS, w, N, from, to, c);
        assertArrayEquals(expected, c, "x·W");

        float[] dz = GemmBackendTest.matrix(rnd, 0, ROWS, N, N, 0f);
        float[] dw = GemmBackendTest.matrix(rnd, 0, COLS, N, N, 0f);
        float[] expectedDw = dw.clone();
        new NaiveGemm().sgemm(true, false, COLS, to - from, ROWS, 1f, x, 0, COLS, dz, from, N, 1f, expectedDw, from, N);
        float[] sums = new float[N + 2];
        float[] expectedSums = new float[N + 2];
        for (int r = 0; r < ROWS; r++) {
            for (int j = from; j < to; j++) {
                expectedSums[2 + j] += dz[r * N + j];
            }
        }
        SparseRows.scatterAdd(x, 0, at, ROWS, COLS, dz, N, from, to, dw, sums, 2);
        for (int i = 0; i < dw.length; i++) {
            assertTrue(Math.abs(expectedDw[i] - dw[i]) <= 1e-6f * (1 + Math.abs(expectedDw[i])), "xᵀ·dZ at " + i);
        }
        assertArrayEquals(expectedSums, sums, "column sums of dZ");
    }
}
