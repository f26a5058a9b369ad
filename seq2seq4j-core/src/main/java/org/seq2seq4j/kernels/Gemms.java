package org.seq2seq4j.kernels;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;

/**
 * Chooses the GEMM backend once per JVM from the system property {@code seq2seq4j.gemm}:
 * {@code auto} (default: OpenBLAS when its native library loads on this platform, else
 * {@link JavaGemm}, with one warning through {@link System.Logger} saying why), {@code openblas}
 * (a native library that cannot load is a {@link Seq2SeqException}, never a silent fallback),
 * {@code java} (the pure-Java kernels: the same results up to float32 rounding, slower) or
 * {@code naive}. seq2seq4j-core brings the OpenBLAS natives for linux-x86_64; other platforms
 * (macosx-arm64, macosx-x86_64, linux-arm64, windows-x86_64, ...) get them by adding the
 * {@code org.bytedeco:openblas} and {@code org.bytedeco:javacpp} jars with that classifier.
 * {@link #setThreads(int)} sets the threads both fast backends use (default: available processors).
 * The chosen backend is logged at DEBUG level under this class's name.
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
    private static final System.Logger LOG = System.getLogger(Gemms.class.getName());
    private static final AtomicBoolean FELL_BACK = new AtomicBoolean();

    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static volatile Gemm active;
    private static Seq2SeqException failure;

    private Gemms() {
    }

    /**
     * The active backend, chosen on the first call. A choice that fails (an unknown name, or
     * {@code openblas} without its native library) throws its {@link Seq2SeqException} on every call.
     */
    public static Gemm get() {
        Gemm g = active;
        return g != null ? g : choose();
    }

    private static synchronized Gemm choose() {
        if (failure != null) {
            throw failure;                // the same message as the first time, not a retried native load
        }
        if (active == null) {
            Gemm g;
            try {
                g = create(System.getProperty(PROPERTY));
            } catch (Seq2SeqException e) {
                failure = e;
                throw e;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "GEMM backend: " + g.name() + " (" + PROPERTY + "="
                    + System.getProperty(PROPERTY, "auto") + ", threads " + threads + ")");
            active = g;
        }
        return active;
    }

    /** Threads used by one GEMM call (Java kernels and OpenBLAS). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the threads used by one GEMM call (OpenBLAS runs single-threaded inside our own split).
     * Results depend on the count only through float32 summation order: an encoder-decoder trained
     * three Adam steps on 1 and on 2 threads differs by at most 6e-8 in a weight with OpenBLAS, and
     * not at all with the Java GEMM. A JVM-wide setting: change it while no model computes.
     */
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
        return create(name, Gemms::openBlas);
    }

    /** As {@link #create(String)}, with {@code nativeGemm} standing for {@link #openBlas()}. */
    static Gemm create(String name, Supplier<? extends Gemm> nativeGemm) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "auto":
                try {
                    return nativeGemm.get();
                } catch (Seq2SeqException e) {
                    if (!FELL_BACK.getAndSet(true)) {
                        LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; using the pure-Java GEMM (same "
                                + "results up to float32 rounding, slower). Add the OpenBLAS natives for this platform, "
                                + "or set -D" + PROPERTY + "=java to choose the Java GEMM explicitly");
                    }
                    return new JavaGemm();
                }
            case "openblas":
                return nativeGemm.get();
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
}
