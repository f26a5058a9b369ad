package org.seq2seq4j.layers.attention;

import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;

/**
 * Array kernels of the attention ops: a batch of matrix products through the active
 * {@link Gemm}, the masked softmax over the value axis and its backward, and row zeroing for the
 * query mask. Layouts are row-major and batch-major, as listed in {@link AttentionDims}.
 */
final class AttentionKernels {
    /** What Keras subtracts from a masked score before the softmax (65504 is only for float16). */
    static final float MASK_PENALTY = 1.0e9f;

    private AttentionKernels() {
    }

    /**
     * For each of {@code batch} consecutive blocks: {@code C_b = alpha·op(A_b)·op(B_b) + beta·C_b},
     * op(A) {@code (m, k)}, op(B) {@code (k, n)}, C {@code (m, n)}; a transposed operand is stored
     * transposed, so the blocks are {@code m·k}, {@code k·n} and {@code m·n} long.
     */
    static void batchedGemm(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, float[] b, float beta, float[] c) {
        Gemm gemm = Gemms.get();
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        for (int i = 0; i < batch; i++) {
            gemm.sgemm(transA, transB, m, n, k, alpha, a, i * m * k, lda, b, i * k * n, ldb, beta, c, i * m * n, n);
        }
    }

    /**
     * In place on scores {@code s (batch, tq, tv)}: subtracts {@link #MASK_PENALTY} where
     * {@code valueMask[b, j] == 0} (null: no value mask) or, when {@code causal}, where {@code j > i};
     * then a softmax over each row: {@code p_j = exp(s_j - max s) / Σ exp(s - max s)}.
     */
    static void maskedSoftmax(int batch, int tq, int tv, float[] s, float[] valueMask, boolean causal) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                int row = (b * tq + i) * tv;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < tv; j++) {
                    if ((valueMask != null && valueMask[b * tv + j] == 0) || (causal && j > i)) {
                        s[row + j] -= MASK_PENALTY;
                    }
                    max = Math.max(max, s[row + j]);
                }
                double sum = 0;
                for (int j = 0; j < tv; j++) {
                    float e = (float) Math.exp(s[row + j] - max);
                    s[row + j] = e;
                    sum += e;
                }
                for (int j = 0; j < tv; j++) {
                    s[row + j] = (float) (s[row + j] / sum);
                }
            }
        }
    }

    /**
     * Softmax backward over {@code rows} rows of {@code tv}, in place on {@code dp}:
     * {@code ds_j = p_j · (dp_j − Σ_l dp_l · p_l)}. A masked score moved by a constant, so its
     * gradient passes unchanged.
     */
    static void softmaxBackward(int rows, int tv, float[] p, float[] dp) {
        for (int r = 0; r < rows; r++) {
            int row = r * tv;
            double dot = 0;
            for (int j = 0; j < tv; j++) {
                dot += (double) dp[row + j] * p[row + j];
            }
            for (int j = 0; j < tv; j++) {
                dp[row + j] = (float) (p[row + j] * (dp[row + j] - dot));
            }
        }
    }

    /** Zeroes row {@code r} of {@code x (rows, width)} where {@code rowMask[r] == 0}. */
    static void zeroMaskedRows(int rows, int width, float[] x, float[] rowMask) {
        for (int r = 0; r < rows; r++) {
            if (rowMask[r] == 0) {
                java.util.Arrays.fill(x, r * width, (r + 1) * width, 0f);
            }
        }
    }
}
