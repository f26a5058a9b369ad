package org.seq2seq4j.kernels;

/**
 * Products with an operand whose rows have at most one nonzero value (one-hot tokens, all-zero
 * padding rows) as row gathers and scatters instead of GEMMs. For such an {@code x (rows, cols)}:
 * {@code x·W} adds {@code v·W[p, :]} per row (v the row's nonzero at column p), and
 * {@code xᵀ·dZ} adds {@code v·dZ[r, :]} to row p. The sums are the GEMM's: the skipped terms are
 * exact zeros (unless W or dZ holds an infinity or NaN where x is 0, which a GEMM would turn into NaN).
 * {@link #columns} finds every row's p once; the products take them, so x is scanned once however
 * often it is used. Large calls split across {@link Gemms#threads()} threads (rows of the gather,
 * columns of the scatter, so no two threads write the same element and the numbers do not depend
 * on the split).
 *
 * <pre>{@code
 * int[] at = new int[rows];
 * if (SparseRows.columns(x, 0, rows, features, at)) {
 *     SparseRows.gatherAdd(x, 0, at, rows, features, kernel, gu, 0, gu, z);   // z += x·kernel
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
     * True when every row of {@code x[off ...]} ({@code (rows, cols)}, row stride cols) has at most
     * one nonzero; then {@code at[r]} is the column of row r's nonzero, or -1 for an all-zero row.
     * Stops at the first row with two (leaving {@code at} partly filled).
     */
    public static boolean columns(float[] x, int off, int rows, int cols, int[] at) {
        for (int r = 0; r < rows; r++) {
            int p = nonzero(x, off + r * cols, cols);
            if (p == -2) {
                return false;
            }
            at[r] = p;
        }
        return true;
    }

    /**
     * {@code c[r, from:to] += x[r, :]·w[:, from:to]} for {@code w (cols, n)} and {@code c (rows, n)}
     * (the whole product for {@code from = 0, to = n}), {@code at} from {@link #columns}.
     */
    public static void gatherAdd(float[] x, int xOff, int[] at, int rows, int cols, float[] w, int n, int from, int to,
                                 float[] c) {
        CALLS.get().run(true, x, xOff, at, rows, cols, w, n, from, to, c, null, 0);
    }

    /**
     * {@code dw[:, from:to] += xᵀ·dz[:, from:to]} for {@code dz (rows, n)} and {@code dw (cols, n)},
     * {@code at} from {@link #columns}; with {@code sums} not null, also (in the same pass over dz)
     * {@code sums[sumsOff + j] += Σ_r dz[r, j]} for j in {@code [from, to)}, the bias gradient.
     */
    public static void scatterAdd(float[] x, int xOff, int[] at, int rows, int cols, float[] dz, int n, int from, int to,
                                  float[] dw, float[] sums, int sumsOff) {
        CALLS.get().run(false, x, xOff, at, rows, cols, dz, n, from, to, dw, sums, sumsOff);
    }

    /** The calling thread's reusable split call: gathers split rows, scatters split columns. */
    private static final class Call extends Parallel.Task {
        private boolean gather;
        private float[] x;
        private int xOff;
        private int[] at;
        private int rows;
        private int cols;
        private float[] from;
        private int n;
        private int j0;
        private int j1;
        private float[] to;
        private float[] sums;
        private int sumsOff;
        private int parts;

        void run(boolean gather, float[] x, int xOff, int[] at, int rows, int cols, float[] from, int n, int j0, int j1,
                 float[] to, float[] sums, int sumsOff) {
            this.gather = gather;
            this.x = x;
            this.xOff = xOff;
            this.at = at;
            this.rows = rows;
            this.cols = cols;
            this.from = from;
            this.n = n;
            this.j0 = j0;
            this.j1 = j1;
            this.to = to;
            this.sums = sums;
            this.sumsOff = sumsOff;
            int width = j1 - j0;
            parts = (long) rows * width < PARALLEL_MIN_VALUES ? 1
                    : Math.max(1, Math.min(Gemms.threads(), gather ? rows : width / 16));
            fork(parts);
        }

        @Override
        protected void release() {
            x = null;
            at = null;
            from = null;
            to = null;
            sums = null;
        }

        @Override
        public void run(int part) {
            if (gather) {
                gatherRows(rows * part / parts, rows * (part + 1) / parts);
            } else {
                int width = j1 - j0;
                scatterColumns(j0 + JavaGemm.chunkStart(part, parts, width), j0 + JavaGemm.chunkStart(part + 1, parts, width));
            }
        }

        /** {@code to[r, j0:j1] += v·from[p, j0:j1]} for rows {@code [r0, r1)}. */
        private void gatherRows(int r0, int r1) {
            for (int r = r0; r < r1; r++) {
                int p = at[r];
                if (p >= 0) {
                    float v = x[xOff + r * cols + p];
                    int src = p * n;
                    int dst = r * n;
                    for (int j = j0; j < j1; j++) {
                        to[dst + j] += v * from[src + j];
                    }
                }
            }
        }

        /** {@code to[p, c0:c1] += v·from[r, c0:c1]} over all rows, and the column sums when asked. */
        private void scatterColumns(int c0, int c1) {
            for (int r = 0; r < rows; r++) {
                int p = at[r];
                int src = r * n;
                if (p >= 0) {
                    float v = x[xOff + r * cols + p];
                    int dst = p * n;
                    for (int j = c0; j < c1; j++) {
                        to[dst + j] += v * from[src + j];
                    }
                }
                if (sums != null) {
                    for (int j = c0; j < c1; j++) {
                        sums[sumsOff + j] += from[src + j];
                    }
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
