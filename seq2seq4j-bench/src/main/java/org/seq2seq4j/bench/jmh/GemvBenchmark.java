package org.seq2seq4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.JavaGemm;
import org.seq2seq4j.kernels.OpenBlasGemm;

/**
 * The batch-1 RNN step as sgemv {@code y(1024) = W(rows, 1024)' x(rows)}: rows 256 (h * U) and
 * 349 (the decoder's input + recurrent product), Java kernel against OpenBLAS sgemv through
 * {@code float[]} (incl. copies), and the dot-product form {@code y = W x}.
 * <pre>{@code
 * java -jar seq2seq4j-bench/target/benchmarks.jar GemvBenchmark
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemvBenchmark {
    @Param({"256", "349"})
    public int rows;

    @Param({"2"})
    public int threads;

    private static final int COLS = 1024;
    private final JavaGemm java = new JavaGemm();
    private OpenBlasGemm openBlas;
    private float[] w;
    private float[] x;
    private float[] xLong;
    private float[] y;

    @Setup
    public void setUp() {
        Gemms.setThreads(threads);
        openBlas = Gemms.openBlas();
        w = GemmBenchmark.random(rows * COLS);
        x = GemmBenchmark.random(rows);
        xLong = GemmBenchmark.random(COLS);
        y = new float[COLS];
    }

    @Benchmark
    public float[] javaTrans() {
        java.sgemv(true, rows, COLS, 1f, w, 0, COLS, x, 0, 0f, y, 0);
        return y;
    }

    @Benchmark
    public float[] openBlasTrans() {
        openBlas.nativeSgemv(true, rows, COLS, 1f, w, 0, COLS, x, 0, 0f, y, 0);
        return y;
    }

    @Benchmark
    public float[] javaNoTrans() {
        java.sgemv(false, rows, COLS, 1f, w, 0, COLS, xLong, 0, 0f, y, 0);
        return y;
    }

    @Benchmark
    public float[] openBlasNoTrans() {
        openBlas.nativeSgemv(false, rows, COLS, 1f, w, 0, COLS, xLong, 0, 0f, y, 0);
        return y;
    }
}
