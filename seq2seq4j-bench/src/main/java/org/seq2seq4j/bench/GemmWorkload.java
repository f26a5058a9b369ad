package org.seq2seq4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.JavaGemm;

/**
 * Workload {@code gemm}: GFLOP/s of {@code C(m, n) = A(m, k) B(k, n)} for square 256/512/1024 and
 * the LSTM input+recurrent shape {@code batch x 327 x 1024}, for the active backend, the Java
 * fallback and raw single-thread OpenBLAS (off-heap operands, no copies), plus the batch-1 step
 * {@code x (1, m) * W (m, 1024)} as sgemv in microseconds. The main step is the LSTM-shaped
 * product on the active backend. Extra keys: {@code gflops.<variant>.<m>x<k>x<n>},
 * {@code us.sgemv.<variant>.<m>x<n>}.
 *
 * <pre>{@code
 * BenchResult r = new GemmWorkload().run(BenchOptions.defaults().withBatch(64));
 * r.extra().get("gflops.java.1024x1024x1024");
 * }</pre>
 */
public final class GemmWorkload implements Workload {
    private static final int[][] SQUARE = {{256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}};
    private static final int LSTM_K = 327;
    private static final int LSTM_N = 1024;
    private static final int[] SGEMV_ROWS = {256, 349};

    @Override
    public String name() {
        return "gemm";
    }

    @Override
    public String description() {
        return "sgemm GFLOP/s (square 256-1024, batch x 327 x 1024) and batch-1 sgemv, per backend";
    }

    @Override
    public BenchResult run(BenchOptions o) {
        int before = Gemms.threads();
        Gemms.setThreads(o.threads());
        try {
            Gemm active = Gemms.get();
            Map<String, Double> extra = new LinkedHashMap<>();
            boolean raw = RawCalls.available();
            int[][] shapes = {SQUARE[0], SQUARE[1], SQUARE[2], {o.batch(), LSTM_K, LSTM_N}};
            double lstmSeconds = 0;
            for (int[] s : shapes) {
                String shape = s[0] + "x" + s[1] + "x" + s[2];
                double flops = 2.0 * s[0] * s[1] * s[2];
                Operands p = new Operands(s[0], s[2], s[1]);
                double sec = p.time(active, o);
                extra.put("gflops." + active.name() + "." + shape, flops / sec / 1e9);
                if (!active.name().equals("java")) {
                    extra.put("gflops.java." + shape, flops / p.time(new JavaGemm(), o) / 1e9);
                }
                if (raw) {
                    extra.put("gflops.openblas_raw_1t." + shape, flops / RawCalls.time(p, o, false) / 1e9);
                }
                lstmSeconds = sec;
            }
            for (int m : SGEMV_ROWS) {
                Operands p = new Operands(1, LSTM_N, m);
                extra.put("us.sgemv." + active.name() + "." + m + "x" + LSTM_N, 1e6 * p.timeGemv(active, o));
                if (raw) {
                    extra.put("us.sgemv.openblas_raw_1t." + m + "x" + LSTM_N, 1e6 * RawCalls.time(p, o, true));
                }
            }
            return new BenchResult(name(), o.batch(), o.threads(), active.name(),
                    o.batch() / lstmSeconds, 1e3 * lstmSeconds, extra);
        } finally {
            Gemms.setThreads(before);
        }
    }

    /** Random row-major operands of {@code C(m, n) = A(m, k) B(k, n)}. */
    static final class Operands {
        final int m;
        final int n;
        final int k;
        final float[] a;
        final float[] b;
        final float[] c;

        Operands(int m, int n, int k) {
            this.m = m;
            this.n = n;
            this.k = k;
            Random rnd = new Random(42);
            a = random(rnd, m * k);
            b = random(rnd, k * n);
            c = new float[Math.max(m, k) * n];
        }

        double time(Gemm g, BenchOptions o) {
            return Stopwatch.measure(() -> g.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n), o).median();
        }

        /** The same one-row product as sgemv: {@code c(n) = B(k, n)' a(k)}, the batch-1 RNN step. */
        double timeGemv(Gemm g, BenchOptions o) {
            return Stopwatch.measure(() -> g.sgemv(true, k, n, 1f, b, 0, n, a, 0, 0f, c, 0), o).median();
        }

        private static float[] random(Random rnd, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = rnd.nextFloat() - 0.5f;
            }
            return x;
        }
    }
}
