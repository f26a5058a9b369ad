package org.seq2seq4j.kernels;

/**
 * Chooses the GEMM backend once per JVM.
 *
 * <pre>{@code
 * Gemm g = Gemms.get();
 * System.out.println("GEMM backend: " + g.name());
 * }</pre>
 */
public final class Gemms {
    private static final Gemm ACTIVE = new NaiveGemm();

    private Gemms() {
    }

    /** The active backend. */
    public static Gemm get() {
        return ACTIVE;
    }
}
