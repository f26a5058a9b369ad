package org.seq2seq4j.kernels;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemv;

import java.util.ArrayDeque;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * sgemm through OpenBLAS (org.bytedeco openblas, JavaCPP). JavaCPP's {@code float[]} overloads
 * copy every whole array in and out on each call (measured: ~28 µs for a 1 MB array), so this
 * backend keeps per-thread off-heap buffers, grown on demand, and copies only the rows each
 * operand uses (C back out row by row when {@code ldc > n}, so neighbours in C are never
 * rewritten). OpenBLAS itself runs single-threaded: a product is split into row or column blocks
 * run by {@link Parallel} (the caller and the kernel workers each call OpenBLAS on their block), so
 * a core the OS has taken away is overtaken, not waited for, and OpenBLAS's own spinning threads
 * never compete with ours. A {@link #prepare prepared} B stays off-heap for a whole sequence and
 * its column blocks stay in each core's cache (the batch-1 RNN step {@code h·U} becomes two
 * half-width sgemv calls). Products where the copies outweigh OpenBLAS's speed go to
 * {@link JavaGemm}: one-row products with a heap B, sgemv, and anything under
 * {@link #MIN_NATIVE_FMAS} multiply-adds.
 *
 * <pre>{@code
 * Gemm g = new OpenBlasGemm();          // throws LinkageError if the native library cannot load
 * g.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
 * }</pre>
 */
public final class OpenBlasGemm implements Gemm {
    /** Below this many multiply-adds the Java kernel wins against copy + JNI + OpenBLAS packing. */
    static final long MIN_NATIVE_FMAS = 1L << 17;
    /** A product is split only into blocks of at least this many rows or columns. */
    private static final int MIN_BLOCK = 64;
    /** Products with fewer multiply-adds run on one thread. */
    private static final long PARALLEL_MIN_FMAS = 1L << 18;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

    private final JavaGemm small = new JavaGemm();

    /** Loads the native library and makes OpenBLAS single-threaded; a missing library throws a {@link LinkageError}. */
    public OpenBlasGemm() {
        openblas.blas_set_num_threads(1);
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
        Call call = CALLS.get();
        call.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        call.run(null);
    }

    /** Copies {@code b} off-heap (from a per-thread pool of buffers, returned on close). */
    @Override
    public PreparedMatrix prepare(float[] b, int off, int rows, int cols) {
        return new OffHeapMatrix(b, off, rows, cols);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      PreparedMatrix b, int bOff, float beta, float[] c, int cOff, int ldc) {
        if (!(b instanceof OffHeapMatrix) || m == 0 || n == 0 || k == 0 || alpha == 0f
                || (long) m * n * k < MIN_NATIVE_FMAS) {
            Gemm.super.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, beta, c, cOff, ldc);
            return;
        }
        Call call = CALLS.get();
        call.set(transA, transB, m, n, k, alpha, a, aOff, lda, null, bOff, b.cols(), beta, c, cOff, ldc);
        call.run((OffHeapMatrix) b);
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
        FloatPointer pa = buf.shared.in(a, aOff, lda, m, n);
        FloatPointer px = buf.a.in(x, xOff, xLen, 1, xLen);
        FloatPointer py = beta == 0f ? buf.c.forOutput(1, yLen) : buf.c.in(y, yOff, yLen, 1, yLen);
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, m, n, alpha, pa, buf.shared.ld, px, 1, beta, py, 1);
        buf.c.out(y, yOff, yLen, 1, yLen);
    }

    /**
     * One product, split into blocks of C rows (B shared) or of C columns (A shared). The caller
     * stages the shared operand once; each part stages its own slice of the other operand and of C,
     * multiplies on one OpenBLAS thread and copies its block of C back.
     */
    private static final class Call extends GemmArguments {
        private OffHeapMatrix prepared;
        private boolean byRows;
        private FloatPointer shared;
        private int sharedLd;

        /** Runs the product stored by {@link #set}; B is {@code prepared} when not null, else the heap B. */
        void run(OffHeapMatrix preparedB) {
            prepared = preparedB;
            int threads = (long) m * n * k < PARALLEL_MIN_FMAS ? 1 : Gemms.threads();
            // A prepared B is split by columns for small m (each core keeps its share of B in cache and
            // A is small to stage), by rows for large m (each part stages its own rows of A in parallel).
            byRows = prepared != null ? m >= 2 * MIN_BLOCK : m >= n;
            parts = Math.max(1, Math.min(threads, (byRows ? m : n) / MIN_BLOCK));
            Buffers buf = BUFFERS.get();
            if (byRows) {
                if (prepared == null) {
                    shared = buf.shared.in(b, bOff, ldb, transB ? n : k, transB ? k : n);
                    sharedLd = buf.shared.ld;
                } else {
                    shared = buf.sharedView.at(prepared.pointer, bOff);
                    sharedLd = ldb;
                }
            } else {
                shared = buf.shared.in(a, aOff, lda, transA ? k : m, transA ? m : k);
                sharedLd = buf.shared.ld;
            }
            fork(parts);
        }

        @Override
        protected void release() {
            super.release();
            prepared = null;
            shared = null;
        }

        @Override
        public void run(int part) {
            Buffers buf = BUFFERS.get();
            int i0 = 0;
            int i1 = m;
            int j0 = 0;
            int j1 = n;
            if (byRows) {
                i0 = JavaGemm.chunkStart(part, parts, m);
                i1 = JavaGemm.chunkStart(part + 1, parts, m);
            } else {
                j0 = JavaGemm.chunkStart(part, parts, n);
                j1 = JavaGemm.chunkStart(part + 1, parts, n);
            }
            int mp = i1 - i0;
            int np = j1 - j0;
            if (mp == 0 || np == 0) {
                return;
            }
            FloatPointer pa;
            int la;
            FloatPointer pb;
            int lb;
            if (byRows) {
                pa = buf.a.in(a, aOff + (transA ? i0 : i0 * lda), lda, transA ? k : mp, transA ? mp : k);
                la = buf.a.ld;
                pb = shared;
                lb = sharedLd;
            } else {
                pa = shared;
                la = sharedLd;
                if (prepared != null) {
                    pb = buf.view.at(prepared.pointer, bOff + (transB ? (long) j0 * ldb : j0));
                    lb = ldb;
                } else {
                    pb = buf.b.in(b, bOff + (transB ? j0 * ldb : j0), ldb, transB ? np : k, transB ? k : np);
                    lb = buf.b.ld;
                }
            }
            int cAt = cOff + i0 * ldc + j0;
            FloatPointer pc = beta == 0f ? buf.c.forOutput(mp, np) : buf.c.in(c, cAt, ldc, mp, np);
            if (mp == 1) {
                // one row of C: (1, k)·op(B) as a matrix-vector product; sgemm is slow at m = 1
                int incA = transA ? la : 1;
                if (transB) {
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, np, k, alpha, pb, lb, pa, incA, beta, pc, 1);
                } else {
                    cblas_sgemv(CblasRowMajor, CblasTrans, k, np, alpha, pb, lb, pa, incA, beta, pc, 1);
                }
            } else {
                cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        mp, np, k, alpha, pa, la, pb, lb, beta, pc, buf.c.ld);
            }
            buf.c.out(c, cAt, ldc, mp, np);
        }
    }

    /** A B operand copied off-heap once; its buffer comes from and returns to a per-thread pool. */
    private static final class OffHeapMatrix extends PreparedMatrix {
        private FloatPointer pointer;

        OffHeapMatrix(float[] data, int offset, int rows, int cols) {
            super(data, offset, rows, cols);
            pointer = BUFFERS.get().take((long) rows * cols);
            refresh();
        }

        @Override
        public void refresh() {
            pointer.position(0).put(data(), offset(), rows() * cols()).position(0);
        }

        @Override
        public void close() {
            if (pointer != null) {
                BUFFERS.get().give(pointer);
                pointer = null;
            }
        }
    }

    /** The per-thread operand buffers, views for offsets into shared memory, and the pool of prepared buffers. */
    private static final class Buffers {
        final Buffer shared = new Buffer();
        final Buffer a = new Buffer();
        final Buffer b = new Buffer();
        final Buffer c = new Buffer();
        final View view = new View();
        /** The caller's view of a prepared B shared by all parts (kept apart from {@link #view}, which part 0 re-aims). */
        final View sharedView = new View();
        private final ArrayDeque<FloatPointer> pool = new ArrayDeque<>();

        /** A pooled buffer of at least {@code floats} floats. */
        FloatPointer take(long floats) {
            for (int i = pool.size(); i > 0; i--) {
                FloatPointer p = pool.pollFirst();
                if (p.capacity() >= floats) {
                    return p;
                }
                pool.addLast(p);
            }
            return new FloatPointer(Math.max(1, floats));
        }

        void give(FloatPointer p) {
            if (pool.size() < 8) {
                pool.addLast(p);
            } else {
                p.close();
            }
        }
    }

    /** A pointer into another buffer at a float offset, re-aimed without allocating. */
    private static final class View extends FloatPointer {
        View() {
            super((org.bytedeco.javacpp.Pointer) null);
        }

        View at(FloatPointer base, long floats) {
            address = base.address() + floats * Float.BYTES;
            position = 0;
            limit = base.capacity() - floats;
            capacity = limit;
            return this;
        }
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
