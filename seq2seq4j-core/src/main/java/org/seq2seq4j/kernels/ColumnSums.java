package org.seq2seq4j.kernels;

/**
 * {@code out[outOff + j] += Σ_r x[r, j]} over the rows of a row-major {@code (rows, cols)} matrix: the bias
 * gradient of a dense product. Each column is summed row by row in order, so the numbers do not
 * depend on how large calls split their columns across {@link Gemms#threads()} threads.
 *
 * <pre>{@code
 * ColumnSums.add(dz, rows, units, dBias, 0);   // dBias += Σ dz over the rows
 * }</pre>
 */
public final class ColumnSums {
    /** Calls over fewer values run on one thread. */
    private static final int PARALLEL_MIN_VALUES = 1 << 18;

    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

    private ColumnSums() {
    }

    /** Adds the column sums of {@code x (rows, cols)} to {@code out[outOff, outOff + cols)}. */
    public static void add(float[] x, int rows, int cols, float[] out, int outOff) {
        int parts = (long) rows * cols < PARALLEL_MIN_VALUES ? 1 : Math.min(Gemms.threads(), cols / 16);
        if (parts <= 1) {
            add(x, rows, cols, out, outOff, 0, cols);
            return;
        }
        Call call = CALLS.get();
        call.x = x;
        call.rows = rows;
        call.cols = cols;
        call.out = out;
        call.outOff = outOff;
        call.parts = parts;
        call.fork(parts);
    }

    private static void add(float[] x, int rows, int cols, float[] out, int outOff, int j0, int j1) {
        for (int r = 0; r < rows; r++) {
            int at = r * cols;
            for (int j = j0; j < j1; j++) {
                out[outOff + j] += x[at + j];
            }
        }
    }

    /** The calling thread's reusable split call: part {@code p} sums its chunk of columns. */
    private static final class Call extends Parallel.Task {
        private float[] x;
        private int rows;
        private int cols;
        private float[] out;
        private int outOff;
        private int parts;

        @Override
        protected void release() {
            x = null;
            out = null;
        }

        @Override
        public void run(int part) {
            add(x, rows, cols, out, outOff, JavaGemm.chunkStart(part, parts, cols), JavaGemm.chunkStart(part + 1, parts, cols));
        }
    }
}
