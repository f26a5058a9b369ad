package org.seq2seq4j.kernels;

import java.util.Locale;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;

/**
 * Chooses the GEMM backend once per JVM from the system property {@code seq2seq4j.gemm}:
 * {@code auto} (default: OpenBLAS when its native library loads, else {@link JavaGemm} with one
 * line on stderr saying why), {@code openblas} (a missing native library is a
 * {@link Seq2SeqException}, never a silent fallback), {@code java} or {@code naive}.
 * {@link #setThreads(int)} sets the threads both fast backends use (default: available processors).
 *
 * <pre>{@code
 * System.setProperty("seq2seq4j.gemm", "java");   // before the first get()
 * Gemms.setThreads(1);
 * Gemm g = Gemms.get();                            // g.name() -> "java"
 * }</pre>
 */
public final class Gemms {
    /** System property naming the backend. */
    public static final String PROPERTY = "seq2seq4j.gemm";
    private static final String NAMES = "one of auto, openblas, java, naive";

    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private Gemms() {
    }

    /** The active backend, chosen on the first call. */
    public static Gemm get() {
        return Active.GEMM;
    }

    /** Threads used by one GEMM call (Java kernels and OpenBLAS). */
    public static int threads() {
        return threads;
    }

    /** Sets the threads used by one GEMM call (OpenBLAS runs single-threaded inside our own split). */
    public static void setThreads(int count) {
        if (count < 1) {
            throw ConfigException.argument("Gemms", "threads", "a positive integer", count);
        }
        threads = count;
    }

    /**
     * The backend for a {@link #PROPERTY} value ({@code null} = auto); creates a new instance.
     * Unknown names are a {@link ConfigException}.
     */
    public static Gemm create(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "auto":
                try {
                    return openBlas();
                } catch (Seq2SeqException e) {
                    System.err.println("seq2seq4j: OpenBLAS unavailable, using the Java GEMM (" + e.getCause() + ")");
                    return new JavaGemm();
                }
            case "openblas":
                return openBlas();
            case "java":
                return new JavaGemm();
            case "naive":
                return new NaiveGemm();
            default:
                throw ConfigException.argument("Gemms", PROPERTY, NAMES, "'" + name + "'");
        }
    }

    /** A new {@link OpenBlasGemm}; a native library that cannot load is a {@link Seq2SeqException} naming the cause. */
    public static OpenBlasGemm openBlas() {
        try {
            return new OpenBlasGemm();
        } catch (LinkageError e) {
            throw new Seq2SeqException("Gemms: OpenBLAS native library (org.bytedeco openblas, "
                    + System.getProperty("os.name") + "-" + System.getProperty("os.arch") + ") could not be loaded: " + e, e);
        }
    }

    /** Holder: the backend is created when {@link #get()} is first called. */
    private static final class Active {
        static final Gemm GEMM = create(System.getProperty(PROPERTY));
    }
}
