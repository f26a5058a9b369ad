package org.seq2seq4j.kernels;

/**
 * Products with an operand whose rows have at most one nonzero value (one-hot tokens, all-zero
 * padding rows) as row gathers and scatters instead of GEMMs. For such an {@code x (rows, cols)}:
 * {@code x·W} adds {@code v·W[p, :]} per row (v the row's nonzero at column p), and
 * {@code xᵀ·dZ} adds {@code v·dZ[r, :]} to row p. The sums are the GEMM's: the skipped terms are
 * exact zeros (unless W or dZ holds an infinity or NaN where x is 0, which a GEMM would turn into NaN).
 *
 * <pre>{@code
 * if (SparseRows.atMostOneNonzero(x, 0, rows, features)) {
 *     SparseRows.gatherAdd(x, 0, rows, features, kernel, gu, z);   // z += x·kernel
 * }
 * }</pre>
 */
public final class SparseRows {
    private SparseRows() {
    }

    /** True when every row of {@code x[off ...]} ({@code (rows, cols)}, row stride cols) has at most one nonzero; stops at the first row with two. */
    public static boolean atMostOneNonzero(float[] x, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            if (nonzero(x, off + r * cols, cols) == -2) {
                return false;
            }
        }
        return true;
    }

    /** {@code c[r, :] += x[r, :]·w} for {@code w (cols, n)} and {@code c (rows, n)}, x as in {@link #atMostOneNonzero}. */
    public static void gatherAdd(float[] x, int xOff, int rows, int cols, float[] w, int n, float[] c) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int p = nonzero(x, xr, cols);
            if (p >= 0) {
                float v = x[xr + p];
                int cr = r * n;
                int wr = p * n;
                for (int j = 0; j < n; j++) {
                    c[cr + j] += v * w[wr + j];
                }
            }
        }
    }

    /** {@code dw += xᵀ·dz} for {@code dz (rows, n)} and {@code dw (cols, n)}, x as in {@link #atMostOneNonzero}. */
    public static void scatterAdd(float[] x, int xOff, int rows, int cols, float[] dz, int n, float[] dw) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int p = nonzero(x, xr, cols);
            if (p >= 0) {
                float v = x[xr + p];
                int zr = r * n;
                int wr = p * n;
                for (int j = 0; j < n; j++) {
                    dw[wr + j] += v * dz[zr + j];
                }
            }
        }
    }

    /** Column of the only nonzero of the row at {@code off}; -1 for an all-zero row, -2 for two or more nonzeros. */
    private static int nonzero(float[] x, int off, int cols) {
        int at = -1;
        for (int j = 0; j < cols; j++) {
            if (x[off + j] != 0f) {
                if (at >= 0) {
                    return -2;
                }
                at = j;
            }
        }
        return at;
    }
}
