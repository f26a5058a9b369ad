package org.seq2seq4j.bench;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.kernels.Gemms;

/**
 * Raw OpenBLAS on one thread (the {@code OpenBlasGemm} backend keeps OpenBLAS single-threaded): operands already off-heap, so the time is OpenBLAS's alone,
 * without the JNI array copies a {@code float[]} API pays. The yardstick for our backends.
 */
final class RawCalls {
    private RawCalls() {
    }

    /** True when the OpenBLAS native library loads. */
    static boolean available() {
        try {
            Gemms.openBlas();
            return true;
        } catch (Seq2SeqException e) {
            return false;
        }
    }

    /** Seconds per call of sgemm (or, with {@code gemv}, of sgemv {@code c = B' a}) on p's operands. */
    static double time(GemmWorkload.Operands p, BenchOptions o, boolean gemv) {
        try (FloatPointer a = new FloatPointer(p.a); FloatPointer b = new FloatPointer(p.b);
             FloatPointer c = new FloatPointer(p.c)) {
            Runnable step = gemv
                    ? () -> cblas_sgemv(CblasRowMajor, CblasTrans, p.k, p.n, 1f, b, p.n, a, 1, 0f, c, 1)
                    : () -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, p.m, p.n, p.k, 1f,
                            a, p.k, b, p.n, 0f, c, p.n);
            return Stopwatch.measure(step, o).median();
        }
    }
}
