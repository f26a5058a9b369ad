package org.seq2seq4j.kernels;

/**
 * Single-precision matrix product on row-major arrays, BLAS style:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(A)} is {@code (m, k)} and
 * {@code op(B)} is {@code (k, n)}; {@code transA}/{@code transB} read the stored matrix
 * transposed. {@code lda}, {@code ldb}, {@code ldc} are the row strides of the stored arrays.
 * Get the active backend from {@link Gemms#get()}.
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = new float[4];
 * Gemms.get().sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2); // c = [19, 22, 43, 50]
 * }</pre>
 */
public interface Gemm {
    /** Backend name for logs and bench output, e.g. {@code "openblas"} or {@code "java"}. */
    String name();

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /**
     * Matrix-vector product {@code y = alpha * op(A) * x + beta * y}, A stored {@code (m, n)}
     * row-major with row stride {@code lda}; {@code trans} uses A' (x has m entries, y has n),
     * otherwise A (x has n, y has m). x and y are contiguous. Beta 0 overwrites y (NaN included).
     * The default writes it as a one-column or one-row sgemm.
     */
    default void sgemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                       float[] x, int xOff, float beta, float[] y, int yOff) {
        if (trans) {
            sgemm(false, false, 1, n, m, alpha, x, xOff, m, a, aOff, lda, beta, y, yOff, n);
        } else {
            sgemm(false, false, m, 1, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
        }
    }

    /**
     * Prepares {@code b[off ...]}, a {@code (rows, cols)} row-major matrix, for repeated use as the B
     * operand (see {@link PreparedMatrix}); the default keeps the heap array.
     */
    default PreparedMatrix prepare(float[] b, int off, int rows, int cols) {
        return new PreparedMatrix(b, off, rows, cols);
    }

    /**
     * {@link #sgemm} with a prepared B: the B operand starts at element {@code bOff} of {@code b}
     * with row stride {@code b.cols()} ({@code bOff = j} picks the column block from column j, as
     * the heap form's {@code bOff} does); it is {@code (k, n)}, or {@code (n, k)} with {@code transB}.
     * Same numbers as the heap form of the same backend for the same shapes is not promised; same
     * numbers for the same shapes and thread count is.
     */
    default void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                       PreparedMatrix b, int bOff, float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b.data(), b.offset() + bOff, b.cols(), beta, c, cOff, ldc);
    }
}
