package org.seq2seq4j.kernels;

import java.util.Arrays;

/**
 * Pure-Java sgemm/sgemv, blocked for the caches and written so that HotSpot C2 turns the inner
 * loops into SIMD code. C2 (JDK 17) only vectorises a loop when every array in it is indexed by
 * the same expression; rows of one matrix at different offsets defeat it (measured: 7-10 GFLOP/s
 * instead of ~50). So each pass copies {@link #KC} rows of {@code op(B)} into separate per-thread
 * row arrays at their own column positions, and the kernel adds four of them, scaled by four
 * elements of {@code op(A)}, into a per-thread accumulator row:
 * {@code acc[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]}. Large products split their
 * columns across {@link Gemms#threads()} threads. One-row products go to {@link #sgemv}.
 * The specification (see {@link NaiveGemm}):
 * <pre>
 * for i, j: C[i,j] = alpha * sum_p op(A)[i,p] * op(B)[p,j] + (beta == 0 ? 0 : beta * C[i,j])
 * </pre>
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = new float[4];
 * new JavaGemm().sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2); // c = [19, 22, 43, 50]
 * }</pre>
 */
public final class JavaGemm implements Gemm {
    /** Rows of {@code op(B)} (or of A in sgemv) packed per pass. */
    static final int KC = 128;
    /** Columns per strip of the accumulator row. */
    static final int NC = 512;
    /** Products with fewer multiply-adds run on one thread. */
    static final long PARALLEL_MIN_FMAS = 1 << 16;
    /** Column chunks given to threads are multiples of this (whole SIMD vectors and cache lines). */
    private static final int ALIGN = 16;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (m == 1 && (!transA || lda == 1)) {
            // C(1, n) = x(1, k) * op(B): a matrix-vector product over B.
            sgemv(!transB, transB ? n : k, transB ? k : n, alpha, b, bOff, ldb, a, aOff, beta, c, cOff);
            return;
        }
        int parts = parts(n, (long) m * n * k);
        if (parts == 1) {
            gemmColumns(transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, n);
            return;
        }
        GemmCall call = CALLS.get().gemm;
        call.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        call.parts = parts;
        call.fork(parts);
    }

    /**
     * {@code y = alpha * op(A) * x + beta * y} with A stored {@code (m, n)} row-major; op(A) = A'
     * when {@code trans} (then x has m entries and y has n), else A (x has n, y has m).
     * The transposed form is the batch-1 RNN step {@code h (1, m) * U (m, n)}: it is vectorised
     * like sgemm and its columns are split across threads, so each core streams only its share of A.
     */
    @Override
    public void sgemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                      float[] x, int xOff, float beta, float[] y, int yOff) {
        int outputs = trans ? n : m;
        if (outputs == 0) {
            return;
        }
        int parts = parts(outputs, (long) m * n);
        if (parts == 1) {
            gemvPart(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, 0, outputs);
            return;
        }
        GemvCall call = CALLS.get().gemv;
        call.set(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, parts);
        call.fork(parts);
    }

    /** Outputs {@code [o0, o1)} of {@link #sgemv}. */
    private static void gemvPart(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                                 float[] x, int xOff, float beta, float[] y, int yOff, int o0, int o1) {
        if (trans) {
            gemvTransColumns(m, alpha, a, aOff, lda, x, xOff, beta, y, yOff, o0, o1);
        } else {
            gemvRows(n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, o0, o1);
        }
    }

    static int parts(int outputs, long fmas) {
        if (fmas < PARALLEL_MIN_FMAS) {
            return 1;
        }
        return Math.max(1, Math.min(Gemms.threads(), outputs / (2 * ALIGN)));
    }

    /** Start of chunk {@code part} of {@code parts} over {@code [0, n)}, aligned to {@link #ALIGN}. */
    static int chunkStart(int part, int parts, int n) {
        if (part >= parts) {
            return n;
        }
        long raw = (long) n * part / parts;
        return (int) Math.min(n, (raw + ALIGN / 2) / ALIGN * ALIGN);
    }

    /** Columns {@code [j0, j1)} of C for all m rows. */
    private static void gemmColumns(boolean transA, boolean transB, int m, int k, float alpha,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float beta, float[] c, int cOff, int ldc, int j0, int j1) {
        for (int i = 0; i < m; i++) {
            scaleRow(beta, c, cOff + i * ldc, j0, j1);
        }
        if (alpha == 0f || k == 0 || j0 == j1) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        float[][] rows = ws.rows(Math.min(k, KC), j1);
        float[] acc = ws.acc(j1);
        // a(i, p) = op(A)[i, p]
        int aRowStride = transA ? 1 : lda;
        int aColStride = transA ? lda : 1;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kb = Math.min(KC, k - p0);
            if (transB) {
                packTransposed(b, bOff + p0, ldb, kb, rows, j0, j1);
            } else {
                packRows(b, bOff + p0 * ldb, ldb, kb, rows, j0, j1);
            }
            for (int jj = j0; jj < j1; jj += NC) {
                int je = Math.min(j1, jj + NC);
                for (int i = 0; i < m; i++) {
                    Arrays.fill(acc, jj, je, 0f);
                    accumulate(a, aOff + i * aRowStride + p0 * aColStride, aColStride, rows, kb, acc, jj, je);
                    addScaled(alpha, acc, c, cOff + i * ldc, jj, je);
                }
            }
        }
    }

    /** Outputs {@code y[j0, j1)} of the transposed product {@code y = alpha * A' x + beta * y}. */
    private static void gemvTransColumns(int m, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                                         float beta, float[] y, int yOff, int j0, int j1) {
        scaleRow(beta, y, yOff, j0, j1);
        if (alpha == 0f || m == 0) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        float[][] rows = ws.rows(Math.min(m, KV), j1);
        float[] acc = ws.acc(j1);
        Arrays.fill(acc, j0, j1, 0f);
        for (int p0 = 0; p0 < m; p0 += KV) {
            int kb = Math.min(KV, m - p0);
            packRows(a, aOff + p0 * lda, lda, kb, rows, j0, j1);
            accumulate(x, xOff + p0, 1, rows, kb, acc, j0, j1);
        }
        addScaled(alpha, acc, y, yOff, j0, j1);
    }

    /** Rows of A packed per sgemv pass: few enough that they stay in L1 between copy and use. */
    private static final int KV = 16;

    /** Outputs {@code y[i0, i1)} of {@code y = alpha * A x + beta * y}: four dot products at a time. */
    private static void gemvRows(int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                                 float beta, float[] y, int yOff, int i0, int i1) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, t0 = 0f, t1 = 0f, t2 = 0f, t3 = 0f;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                float x0 = x[xOff + j], x1 = x[xOff + j + 1];
                s0 += a[r0 + j] * x0;
                t0 += a[r0 + j + 1] * x1;
                s1 += a[r1 + j] * x0;
                t1 += a[r1 + j + 1] * x1;
                s2 += a[r2 + j] * x0;
                t2 += a[r2 + j + 1] * x1;
                s3 += a[r3 + j] * x0;
                t3 += a[r3 + j + 1] * x1;
            }
            if (j < n) {
                float xv = x[xOff + j];
                s0 += a[r0 + j] * xv;
                s1 += a[r1 + j] * xv;
                s2 += a[r2 + j] * xv;
                s3 += a[r3 + j] * xv;
            }
            store(alpha, s0 + t0, beta, y, yOff + i);
            store(alpha, s1 + t1, beta, y, yOff + i + 1);
            store(alpha, s2 + t2, beta, y, yOff + i + 2);
            store(alpha, s3 + t3, beta, y, yOff + i + 3);
        }
        for (; i < i1; i++) {
            int r = aOff + i * lda;
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += a[r + j] * x[xOff + j];
            }
            store(alpha, s, beta, y, yOff + i);
        }
    }

    private static void store(float alpha, float dot, float beta, float[] y, int at) {
        y[at] = alpha * dot + (beta == 0f ? 0f : beta * y[at]);
    }

    /**
     * {@code acc[j] += sum_{r < kb} v[vOff + r * vStride] * rows[r][j]} for j in {@code [j0, j1)}.
     * Every array is indexed by the same {@code j}, which is what lets C2 vectorise the loops.
     */
    static void accumulate(float[] v, int vOff, int vStride, float[][] rows, int kb, float[] acc, int j0, int j1) {
        int r = 0;
        for (; r + 4 <= kb; r += 4) {
            int at = vOff + r * vStride;
            float v0 = v[at], v1 = v[at + vStride], v2 = v[at + 2 * vStride], v3 = v[at + 3 * vStride];
            float[] b0 = rows[r], b1 = rows[r + 1], b2 = rows[r + 2], b3 = rows[r + 3];
            for (int j = j0; j < j1; j++) {
                acc[j] += v0 * b0[j] + v1 * b1[j] + v2 * b2[j] + v3 * b3[j];
            }
        }
        for (; r < kb; r++) {
            float v0 = v[vOff + r * vStride];
            float[] b0 = rows[r];
            for (int j = j0; j < j1; j++) {
                acc[j] += v0 * b0[j];
            }
        }
    }

    /** {@code rows[r][j] = src[off + r * ld + j]} for r < kb, j in {@code [j0, j1)}. */
    private static void packRows(float[] src, int off, int ld, int kb, float[][] rows, int j0, int j1) {
        for (int r = 0; r < kb; r++) {
            System.arraycopy(src, off + r * ld + j0, rows[r], j0, j1 - j0);
        }
    }

    /** {@code rows[r][j] = src[off + j * ld + r]}: rows of a transposed operand. */
    private static void packTransposed(float[] src, int off, int ld, int kb, float[][] rows, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int s = off + j * ld;
            for (int r = 0; r < kb; r++) {
                rows[r][j] = src[s + r];
            }
        }
    }

    /** {@code x[off + j] = beta * x[off + j]} for j in {@code [j0, j1)}; beta 0 clears (NaN included). */
    private static void scaleRow(float beta, float[] x, int off, int j0, int j1) {
        if (beta == 0f) {
            Arrays.fill(x, off + j0, off + j1, 0f);
        } else if (beta != 1f) {
            for (int j = off + j0; j < off + j1; j++) {
                x[j] *= beta;
            }
        }
    }

    /** {@code c[off + j] += alpha * acc[j]} for j in {@code [j0, j1)}. */
    private static void addScaled(float alpha, float[] acc, float[] c, int off, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c[off + j] += alpha * acc[j];
        }
    }

    /** The calling thread's reusable split calls: a parallel product allocates nothing. */
    private static final ThreadLocal<Calls> CALLS = ThreadLocal.withInitial(Calls::new);

    private static final class Calls {
        final GemmCall gemm = new GemmCall();
        final GemvCall gemv = new GemvCall();
    }

    /** One split {@link #sgemm}; part {@code p} computes its chunk of C's columns. */
    private static final class GemmCall extends GemmArguments {
        @Override
        public void run(int part) {
            gemmColumns(transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    chunkStart(part, parts, n), chunkStart(part + 1, parts, n));
        }
    }

    /** The arguments of one split {@link #sgemv}; part {@code p} computes its chunk of y. */
    private static final class GemvCall extends Parallel.Task {
        private boolean trans;
        private int m;
        private int n;
        private float alpha;
        private float beta;
        private float[] a;
        private float[] x;
        private float[] y;
        private int aOff;
        private int lda;
        private int xOff;
        private int yOff;
        private int parts;

        void set(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                 float[] x, int xOff, float beta, float[] y, int yOff, int parts) {
            this.trans = trans;
            this.m = m;
            this.n = n;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.x = x;
            this.xOff = xOff;
            this.beta = beta;
            this.y = y;
            this.yOff = yOff;
            this.parts = parts;
        }

        @Override
        protected void release() {
            a = null;
            x = null;
            y = null;
        }

        @Override
        public void run(int part) {
            int outputs = trans ? n : m;
            gemvPart(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff,
                    chunkStart(part, parts, outputs), chunkStart(part + 1, parts, outputs));
        }
    }

    /** Per-thread packing rows and accumulator, grown on demand and kept. */
    private static final class Workspace {
        private float[][] rows = new float[0][];
        private float[] acc = new float[0];

        float[][] rows(int count, int width) {
            if (rows.length < count || rows[0].length < width) {
                int w = Math.max(width, rows.length == 0 ? 0 : rows[0].length);
                rows = new float[Math.max(count, rows.length)][w];
            }
            return rows;
        }

        float[] acc(int width) {
            if (acc.length < width) {
                acc = new float[width];
            }
            return acc;
        }
    }
}
