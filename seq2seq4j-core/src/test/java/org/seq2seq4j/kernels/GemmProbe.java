package org.seq2seq4j.kernels;

import java.util.Locale;
import java.util.Random;
import org.seq2seq4j.Seq2SeqException;

/**
 * What a user's JVM sees of {@link Gemms}; {@link MissingNativesTest} runs it as a child process.
 * Prints {@code get: <backend>} or {@code error: <exception class>: <message>} for two calls of
 * {@link Gemms#get()}, then, when a backend was chosen, {@code diff: <largest difference>} of a
 * product against {@link NaiveGemm}.
 */
public final class GemmProbe {
    private GemmProbe() {
    }

    public static void main(String[] args) {
        Gemm gemm = null;
        for (int call = 0; call < 2; call++) {
            try {
                gemm = Gemms.get();
                System.out.println("get: " + gemm.name());
            } catch (Seq2SeqException e) {
                System.out.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (gemm != null) {
            Random rnd = new Random(7);
            int m = 64, n = 300, k = 200;
            float[] a = GemmBackendTest.matrix(rnd, 0, m, k, k, 0f), b = GemmBackendTest.matrix(rnd, 0, k, n, n, 0f);
            float[] c = new float[m * n], expected = new float[m * n];
            gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            new NaiveGemm().sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
            double worst = 0;
            for (int i = 0; i < c.length; i++) {
                worst = Math.max(worst, Math.abs((double) c[i] - expected[i]));
            }
            System.out.println(String.format(Locale.ROOT, "diff: %.3g", worst));
        }
    }
}
