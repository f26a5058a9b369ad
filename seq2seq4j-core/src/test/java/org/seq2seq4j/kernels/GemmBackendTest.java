package org.seq2seq4j.kernels;

import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast backend against {@link NaiveGemm}: sizes 0, 1, odd, and just off the kernel's unroll
 * (4), alignment (16) and block ({@link JavaGemm#KC}, {@link JavaGemm#NC}) widths; all four
 * transposes; offsets; strides wider than the rows (gaps hold NaN in A/B and a sentinel in C that
 * must survive); alpha/beta including beta 0 over a NaN-filled C.
 */
class GemmBackendTest {
    private static final float GAP = 12345f;
    private static final int[][] SHAPES = {
        {0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {1, 17, 5}, {2, 3, 1}, {5, 7, 3}, {4, 16, 4},
        {3, 15, 9}, {7, 33, 17}, {1, 129, 131}, {17, 5, 129}, {6, 513, 9}, {33, 65, 260}, {67, 531, 70},
    };
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, 1f}, {-1.5f, 0.25f}, {0f, 2f}};

    static Stream<Gemm> backends() {
        return Stream.of(new JavaGemm(), Gemms.openBlas());
    }

    static Stream<Arguments> gemmCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Gemm g : (Iterable<Gemm>) backends()::iterator) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    float[] ab = ALPHA_BETA[(t + s[0] + s[1]) % ALPHA_BETA.length];
                    cases.add(Arguments.of(g, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} tA={1} tB={2} m={3} n={4} k={5} alpha={6} beta={7}")
    @MethodSource("gemmCases")
    void sgemmMatchesNaive(Gemm gemm, boolean tA, boolean tB, int m, int n, int k, float alpha, float beta) {
        Random rnd = new Random(31L * m + 7L * n + k);
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2;
        float[] a = matrix(rnd, 5, aRows, aCols, lda, Float.NaN);
        float[] b = matrix(rnd, 2, bRows, bCols, ldb, Float.NaN);
        float[] c = matrix(rnd, 1, m, n, ldc, GAP);
        if (beta == 0f) {
            fillUsed(c, 1, m, n, ldc, Float.NaN);
        }
        float[] expected = c.clone();
        new NaiveGemm().sgemm(tA, tB, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, expected, 1, ldc);
        gemm.sgemm(tA, tB, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c, 1, ldc);
        assertAllClose(expected, c, 1e-5 * (k + 1), gemm.name() + " sgemm");
    }

    @ParameterizedTest(name = "{0} compact m=64 n=1024 k=327")
    @MethodSource("backends")
    void sgemmCompactLstmShape(Gemm gemm) {
        Random rnd = new Random(3);
        int m = 64, n = 1024, k = 327;
        float[] a = matrix(rnd, 0, m, k, k, 0f), b = matrix(rnd, 0, k, n, n, 0f), c = new float[m * n];
        float[] expected = c.clone();
        new NaiveGemm().sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
        gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        assertAllClose(expected, c, 1e-3, gemm.name() + " sgemm 64x327x1024");
    }

    static Stream<Arguments> gemvCases() {
        int[][] shapes = {{0, 4}, {4, 0}, {1, 1}, {3, 17}, {17, 3}, {5, 33}, {16, 15}, {129, 20}, {349, 1024}, {256, 1024}};
        List<Arguments> cases = new ArrayList<>();
        for (Gemm g : (Iterable<Gemm>) backends()::iterator) {
            for (int[] s : shapes) {
                for (int t = 0; t < 2; t++) {
                    float[] ab = ALPHA_BETA[(t + s[0]) % ALPHA_BETA.length];
                    cases.add(Arguments.of(g, t == 1, s[0], s[1], ab[0], ab[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} trans={1} m={2} n={3} alpha={4} beta={5}")
    @MethodSource("gemvCases")
    void sgemvMatchesNaive(Gemm gemm, boolean trans, int m, int n, float alpha, float beta) {
        Random rnd = new Random(13L * m + n);
        int lda = n + 5, xLen = trans ? m : n, yLen = trans ? n : m;
        float[] a = matrix(rnd, 2, m, n, lda, Float.NaN);
        float[] x = matrix(rnd, 3, 1, xLen, xLen, 0f);
        float[] y = matrix(rnd, 4, 1, yLen, yLen, GAP);
        if (beta == 0f) {
            fillUsed(y, 4, 1, yLen, yLen, Float.NaN);
        }
        float[] expected = y.clone();
        float[] viaNative = y.clone();
        new NaiveGemm().sgemv(trans, m, n, alpha, a, 2, lda, x, 3, beta, expected, 4);
        gemm.sgemv(trans, m, n, alpha, a, 2, lda, x, 3, beta, y, 4);
        assertAllClose(expected, y, 1e-5 * (xLen + 1), gemm.name() + " sgemv");
        if (gemm instanceof OpenBlasGemm && m > 0 && n > 0) {
            ((OpenBlasGemm) gemm).nativeSgemv(trans, m, n, alpha, a, 2, lda, x, 3, beta, viaNative, 4);
            assertAllClose(expected, viaNative, 1e-5 * (xLen + 1), "openblas native sgemv");
        }
    }

    @Test
    void sgemmOneRowTransposedAWithStride() {
        // op(A) is one column of a stored (k, 3) matrix: the one-row fast path must not take it.
        Random rnd = new Random(5);
        int k = 9, n = 21;
        float[] a = matrix(rnd, 0, k, 3, 3, 0f), b = matrix(rnd, 0, k, n, n, 0f);
        float[] expected = new float[n], c = new float[n];
        new NaiveGemm().sgemm(true, false, 1, n, k, 1f, a, 1, 3, b, 0, n, 0f, expected, 0, n);
        new JavaGemm().sgemm(true, false, 1, n, k, 1f, a, 1, 3, b, 0, n, 0f, c, 0, n);
        assertAllClose(expected, c, 1e-5, "java 1-row sgemm, transposed A");
    }

    /** Array with a stored {@code (rows, cols)} matrix of uniform(-1, 1) at {@code off}, stride {@code ld}; the rest is {@code fill}. */
    static float[] matrix(Random rnd, int off, int rows, int cols, int ld, float fill) {
        float[] x = new float[off + Math.max(0, rows * ld) + 4];
        Arrays.fill(x, fill);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                x[off + r * ld + j] = rnd.nextFloat() * 2f - 1f;
            }
        }
        return x;
    }

    private static void fillUsed(float[] x, int off, int rows, int cols, int ld, float v) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(x, off + r * ld, off + r * ld + cols, v);
        }
    }
}
