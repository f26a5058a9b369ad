package org.seq2seq4j.losses;

/**
 * Log-softmax helpers over one row of {@code n} logits, in double.
 *
 * <pre>{@code
 * double lse = LogSoftmax.logSumExp(x, off, n);      // log sum_k exp(x_k)
 * LogSoftmax.addSoftmax(x, off, n, lse, c, g, gOff); // g_k += c * softmax_k
 * }</pre>
 */
final class LogSoftmax {
    private LogSoftmax() {
    }

    /** {@code log(sum_k exp(x[off + k]))}, shifted by the maximum for stability. */
    static double logSumExp(float[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, x[off + k]);
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += Math.exp(x[off + k] - max);
        }
        return max + Math.log(s);
    }

    /** {@code g[gOff + k] += c * exp(x[off + k] - lse)}. */
    static void addSoftmax(float[] x, int off, int n, double lse, double c, float[] g, int gOff) {
        for (int k = 0; k < n; k++) {
            g[gOff + k] += (float) (c * Math.exp(x[off + k] - lse));
        }
    }

    /** {@code p} clipped to Keras's float32 {@code [epsilon, 1 - epsilon]}. */
    static double clip(double p) {
        return Math.min(Math.max(p, Loss.EPSILON), Loss.ONE_MINUS_EPSILON);
    }

    /** True where the clip passes the gradient through. */
    static boolean inRange(double p) {
        return p >= Loss.EPSILON && p <= Loss.ONE_MINUS_EPSILON;
    }
}
