package org.seq2seq4j.kernels;

/**
 * Products with an operand whose rows have at most one nonzero value (one-hot tokens, all-zero
 * padding rows) as row gathers and scatters instead of GEMMs. For such an {@code x (rows, cols)}:
 * {@code x·W} adds {@code v·W[p, :]} per row (v the row's nonzero at column p), and
 * {@code xᵀ·dZ} adds {@code v·dZ[r, :]} to row p. The sums are the GEMM's: the skipped terms are
 * exact zeros (unless W or dZ holds an infinity or NaN where x is 0, which a GEMM would turn into NaN).
 * Large calls split across {@link Gemms#threads()} threads (rows of the gather, columns of the
 * scatter, so no two threads write the same element and the numbers do not depend on the split).
 *
 * <pre>{@code
 * if (SparseRows.atMostOneNonzero(x, 0, rows, features)) {
 *     SparseRows.gatherAdd(x, 0, rows, features, kernel, gu, 0, gu, z);   // z += x·kernel
 * }
 * }</pre>
 */
public final class SparseRows {
    /** Calls touching fewer output values run on one thread. */
    private static final int PARALLEL_MIN_VALUES = 1 << 16;

    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

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

    /**
     * {@code c[r, from:to] += x[r, :]·w[:, from:to]} for {@code w (cols, n)} and {@code c (rows, n)}
     * (the whole product for {@code from = 0, to = n}), x as in {@link #atMostOneNonzero}.
     */
    public static void gatherAdd(float[] x, int xOff, int rows, int cols, float[] w, int n, int from, int to, float[] c) {
        CALLS.get().run(true, x, xOff, rows, cols, w, n, from, to, c);
    }

    /**
     * {@code dw[:, from:to] += xᵀ·dz[:, from:to]} for {@code dz (rows, n)} and {@code dw (cols, n)},
     * x as in {@link #atMostOneNonzero}.
     */
    public static void scatterAdd(float[] x, int xOff, int rows, int cols, float[] dz, int n, int from, int to, float[] dw) {
        CALLS.get().run(false, x, xOff, rows, cols, dz, n, from, to, dw);
    }

    /**
     * Rows {@code [r0, r1)} and columns {@code [j0, j1)} of a gather ({@code to[r, j] += v·from[p, j]})
     * or scatter ({@code to[p, j] += v·from[r, j]}), p the row's nonzero column and v its value.
     */
    private static void addRows(boolean gather, float[] x, int xOff, int r0, int r1, int cols, float[] from, int n,
                                float[] to, int j0, int j1) {
        for (int r = r0; r < r1; r++) {
            int xr = xOff + r * cols;
            int p = nonzero(x, xr, cols);
            if (p >= 0) {
                float v = x[xr + p];
                int src = (gather ? p : r) * n;
                int dst = (gather ? r : p) * n;
                for (int j = j0; j < j1; j++) {
                    to[dst + j] += v * from[src + j];
                }
            }
        }
    }

    /** The calling thread's reusable split call: gathers split rows, scatters split columns. */
    private static final class Call extends Parallel.Task {
        private boolean gather;
        private float[] x;
        private int xOff;
        private int rows;
        private int cols;
        private float[] from;
        private int n;
        private int j0;
        private int j1;
        private float[] to;
        private int parts;

        void run(boolean gather, float[] x, int xOff, int rows, int cols, float[] from, int n, int j0, int j1, float[] to) {
            this.gather = gather;
            this.x = x;
            this.xOff = xOff;
            this.rows = rows;
            this.cols = cols;
            this.from = from;
            this.n = n;
            this.j0 = j0;
            this.j1 = j1;
            this.to = to;
            int width = j1 - j0;
            parts = (long) rows * width < PARALLEL_MIN_VALUES ? 1
                    : Math.max(1, Math.min(Gemms.threads(), gather ? rows : width / 16));
            fork(parts);
        }

        @Override
        protected void release() {
            x = null;
            from = null;
            to = null;
        }

        @Override
        public void run(int part) {
            if (gather) {
                addRows(true, x, xOff, rows * part / parts, rows * (part + 1) / parts, cols, from, n, to, j0, j1);
            } else {
                addRows(false, x, xOff, 0, rows, cols, from, n, to,
                        j0 + JavaGemm.chunkStart(part, parts, j1 - j0), j0 + JavaGemm.chunkStart(part + 1, parts, j1 - j0));
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
