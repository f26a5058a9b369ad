package org.seq2seq4j.kernels;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * sgemm/sgemv through OpenBLAS (org.bytedeco openblas, JavaCPP). JavaCPP's {@code float[]}
 * overloads copy every whole array in and out on each call (measured: ~28 µs for a 1 MB
 * array, ~110 µs for 4 MB, whatever sub-range the product uses), so this backend keeps
 * per-thread off-heap buffers, grown on demand, and copies only the rows each operand uses
 * (C back out row by row when {@code ldc > n}, so neighbours in C are never rewritten).
 * Products where that copy outweighs OpenBLAS's speed go to {@link JavaGemm}: one-row
 * products (a batch-1 RNN step), sgemv, and anything under {@link #MIN_NATIVE_FMAS}
 * multiply-adds.
 *
 * <pre>{@code
 * Gemm g = new OpenBlasGemm();          // throws LinkageError if the native library cannot load
 * g.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
 * }</pre>
 */
public final class OpenBlasGemm implements Gemm {
    /** Below this many multiply-adds the Java kernel wins against copy + JNI + OpenBLAS packing. */
    static final long MIN_NATIVE_FMAS = 1L << 17;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final JavaGemm small = new JavaGemm();

    /** Loads the native library and applies {@link Gemms#threads()}; a missing library throws a {@link LinkageError}. */
    public OpenBlasGemm() {
        setThreads(Gemms.threads());
    }

    /** Sets OpenBLAS's own thread count (used by every OpenBLAS call in this JVM). */
    static void setThreads(int threads) {
        openblas.blas_set_num_threads(threads);
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m <= 1 || n == 0 || k == 0 || alpha == 0f || (long) m * n * k < MIN_NATIVE_FMAS) {
            small.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Buffers buf = BUFFERS.get();
        FloatPointer pa = buf.a.in(a, aOff, lda, transA ? k : m, transA ? m : k);
        FloatPointer pb = buf.b.in(b, bOff, ldb, transB ? n : k, transB ? k : n);
        FloatPointer pc = beta == 0f ? buf.c.forOutput(m, n) : buf.c.in(c, cOff, ldc, m, n);
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, pa, buf.a.ld, pb, buf.b.ld, beta, pc, buf.c.ld);
        buf.c.out(c, cOff, ldc, m, n);
    }

    /**
     * Runs on {@link JavaGemm}: copying A across JNI costs as much as the whole product (measured
     * 349x1024: OpenBLAS sgemv with the copy is slower than the Java kernel).
     */
    @Override
    public void sgemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                      float[] x, int xOff, float beta, float[] y, int yOff) {
        small.sgemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /** OpenBLAS sgemv with the same copying as sgemm; kept for measurement (the bench compares it). */
    public void nativeSgemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                            float[] x, int xOff, float beta, float[] y, int yOff) {
        Buffers buf = BUFFERS.get();
        int xLen = trans ? m : n;
        int yLen = trans ? n : m;
        FloatPointer pa = buf.a.in(a, aOff, lda, m, n);
        FloatPointer px = buf.b.in(x, xOff, xLen, 1, xLen);
        FloatPointer py = beta == 0f ? buf.c.forOutput(1, yLen) : buf.c.in(y, yOff, yLen, 1, yLen);
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, m, n, alpha, pa, buf.a.ld, px, 1, beta, py, 1);
        buf.c.out(y, yOff, yLen, 1, yLen);
    }

    /** The three per-thread operand buffers. */
    private static final class Buffers {
        final Buffer a = new Buffer();
        final Buffer b = new Buffer();
        final Buffer c = new Buffer();
    }

    /**
     * One off-heap operand buffer. {@link #ld} is the row stride of the copy: the caller's stride
     * when the rows are copied as one span, {@code cols} when they are packed.
     */
    private static final class Buffer {
        private FloatPointer pointer = new FloatPointer(0L);
        private long capacity;
        int ld;

        /** Copies the stored {@code (rows, cols)} matrix at {@code off} with stride {@code ld} in. */
        FloatPointer in(float[] src, int off, int srcLd, int rows, int cols) {
            long span = (long) (rows - 1) * srcLd + cols;
            if (srcLd == cols || span <= 2L * rows * cols) {
                ensure(span);
                pointer.position(0).put(src, off, (int) span).position(0);
                ld = Math.max(1, srcLd);
            } else {
                ensure((long) rows * cols);
                for (int r = 0; r < rows; r++) {
                    pointer.position((long) r * cols).put(src, off + r * srcLd, cols);
                }
                pointer.position(0);
                ld = Math.max(1, cols);
            }
            return pointer;
        }

        /** A packed {@code (rows, cols)} buffer whose contents will be overwritten. */
        FloatPointer forOutput(int rows, int cols) {
            ensure((long) rows * cols);
            ld = Math.max(1, cols);
            return pointer;
        }

        /** Copies the result back into C, touching only its {@code (rows, cols)} elements. */
        void out(float[] dst, int off, int dstLd, int rows, int cols) {
            if (ld == dstLd && dstLd == cols) {
                pointer.position(0).get(dst, off, rows * cols).position(0);
                return;
            }
            for (int r = 0; r < rows; r++) {
                pointer.position((long) r * ld).get(dst, off + r * dstLd, cols);
            }
            pointer.position(0);
        }

        private void ensure(long floats) {
            if (floats > capacity) {
                pointer.close();
                capacity = Math.max(floats, capacity * 3 / 2);
                pointer = new FloatPointer(capacity);
            }
        }
    }
}
