package org.seq2seq4j.bench.jmh;

import java.util.Random;
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
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;

/**
 * sgemm {@code C(m, n) = A(m, k) B(k, n)} per backend: square 256/1024 and the LSTM shapes
 * {@code 1/64/256 x 327 x 1024}. GFLOP/s = 2mnk / (µs per op * 1000).
 * <pre>{@code
 * java -jar seq2seq4j-bench/target/benchmarks.jar GemmBenchmark -p backend=java -p threads=1
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBenchmark {
    @Param({"openblas", "java"})
    public String backend;

    /** {@code m x k x n}. */
    @Param({"256x256x256", "1024x1024x1024", "1x327x1024", "64x327x1024", "256x327x1024"})
    public String shape;

    @Param({"2"})
    public int threads;

    private Gemm gemm;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        Gemms.setThreads(threads);
        gemm = Gemms.create(backend);
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        k = Integer.parseInt(d[1]);
        n = Integer.parseInt(d[2]);
        a = random(m * k);
        b = random(k * n);
        c = new float[m * n];
    }

    @Benchmark
    public float[] sgemm() {
        gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }

    static float[] random(int size) {
        Random rnd = new Random(7);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        return x;
    }
}
