package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.seq2seq4j.tensor.Tensor;

/** Element-wise comparison that reports the case, the first bad index, both values and the largest difference. */
public final class TensorAssert {
    private TensorAssert() {
    }

    /** |actual - expected| <= tol at every index, and equal shapes. */
    public static void assertAllClose(Tensor expected, Tensor actual, double tol, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertAllClose(expected.data(), actual.data(), tol, what);
    }

    /** |actual - expected| <= tol at every index. */
    public static void assertAllClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= tol) && (worstAt < 0 || d > worst || Double.isNaN(d))) {
                worst = d;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            fail(String.format("%s: index %d expected %.9g but got %.9g (max abs diff %.3g > tol %.3g)",
                    what, worstAt, expected[worstAt], actual[worstAt], worst, tol));
        }
    }

    /** Relative-or-absolute closeness: |a - e| <= tol * max(1, |e|). */
    public static void assertClose(double expected, double actual, double tol, String what) {
        if (!(Math.abs(expected - actual) <= tol * Math.max(1, Math.abs(expected)))) {
            fail(String.format("%s: expected %.9g but got %.9g (tol %.3g)", what, expected, actual, tol));
        }
    }
}
