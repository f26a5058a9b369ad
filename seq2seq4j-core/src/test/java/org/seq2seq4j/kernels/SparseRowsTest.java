package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

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
    void detectsRowsWithAtMostOneNonzero() {
        float[] x = sparse();
        assertTrue(SparseRows.atMostOneNonzero(x, 0, ROWS, COLS));
        x[2 * COLS + 5] = -1f;
        x[2 * COLS] = 1f;
        assertFalse(SparseRows.atMostOneNonzero(x, 0, ROWS, COLS));
        assertTrue(SparseRows.atMostOneNonzero(x, 3 * COLS, ROWS - 3, COLS), "rows after the dense one");
    }

    @Test
    void gatherAndScatterEqualTheProducts() {
        Random rnd = new Random(3);
        float[] x = sparse();
        float[] w = GemmBackendTest.matrix(rnd, 0, COLS, N, N, 0f);
        float[] c = GemmBackendTest.matrix(rnd, 0, ROWS, N, N, 0f);
        float[] expected = c.clone();
        new NaiveGemm().sgemm(false, false, ROWS, N, COLS, 1f, x, 0, COLS, w, 0, N, 1f, expected, 0, N);
        SparseRows.gatherAdd(x, 0, ROWS, COLS, w, N, 0, N, c);
        assertArrayEquals(expected, c, "x·W");

        float[] dz = GemmBackendTest.matrix(rnd, 0, ROWS, N, N, 0f);
        float[] dw = GemmBackendTest.matrix(rnd, 0, COLS, N, N, 0f);
        float[] expectedDw = dw.clone();
        new NaiveGemm().sgemm(true, false, COLS, N, ROWS, 1f, x, 0, COLS, dz, 0, N, 1f, expectedDw, 0, N);
        SparseRows.scatterAdd(x, 0, ROWS, COLS, dz, N, 0, N, dw);
        for (int i = 0; i < dw.length; i++) {
            assertTrue(Math.abs(expectedDw[i] - dw[i]) <= 1e-6f * (1 + Math.abs(expectedDw[i])), "xᵀ·dZ at " + i);
        }
    }

    @Test
    void columnBlocksTouchOnlyTheirColumns() {
        Random rnd = new Random(4);
        float[] x = sparse();
        float[] w = GemmBackendTest.matrix(rnd, 0, COLS, N, N, 0f);
        float[] c = GemmBackendTest.matrix(rnd, 0, ROWS, N, N, 0f);
        float[] expected = c.clone();
        new NaiveGemm().sgemm(false, false, ROWS, 2, COLS, 1f, x, 0, COLS, w, 1, N, 1f, expected, 1, N);
        SparseRows.gatherAdd(x, 0, ROWS, COLS, w, N, 1, 3, c);
        assertArrayEquals(expected, c, "x·W[:, 1:3]");

        float[] dw = GemmBackendTest.matrix(rnd, 0, COLS, N, N, 0f);
        float[] expectedDw = dw.clone();
        new NaiveGemm().sgemm(true, false, COLS, 2, ROWS, 1f, x, 0, COLS, c, 3, N, 1f, expectedDw, 3, N);
        SparseRows.scatterAdd(x, 0, ROWS, COLS, c, N, 3, 5, dw);
        for (int i = 0; i < dw.length; i++) {
            assertTrue(Math.abs(expectedDw[i] - dw[i]) <= 1e-6f * (1 + Math.abs(expectedDw[i])), "xᵀ·dZ[:, 3:5] at " + i);
        }
    }
}
