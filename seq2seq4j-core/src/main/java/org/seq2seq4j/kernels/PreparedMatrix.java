package org.seq2seq4j.kernels;

/**
 * A row-major {@code (rows, cols)} matrix used as the B operand of many products in a row, such as
 * a recurrent kernel over all timesteps of a sequence. {@link Gemm#prepare} may copy it once into
 * the backend's own storage (OpenBLAS: off-heap memory), so the products skip the per-call copy.
 * The copy does not follow later writes to the array: call {@link #refresh()} after the weights
 * change (or prepare again per forward/backward pass), and {@link #close()} when done. The base
 * class keeps only the heap array (the Java backends read it directly).
 *
 * <pre>{@code
 * Gemm g = Gemms.get();
 * try (PreparedMatrix u = g.prepare(recurrentKernel, 0, units, 4 * units)) {
 *     for (int t = 0; t < steps; t++) {
 *         g.sgemm(false, false, batch, 4 * units, units, 1f, h, 0, units, u, 1f, z, t * 4 * units, steps * 4 * units);
 *     }
 * }
 * }</pre>
 */
public class PreparedMatrix implements AutoCloseable {
    private final float[] data;
    private final int offset;
    private final int rows;
    private final int cols;

    /** A view of {@code data[offset ...]} as a {@code (rows, cols)} matrix with row stride {@code cols}. */
    public PreparedMatrix(float[] data, int offset, int rows, int cols) {
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    /** The heap array the matrix was prepared from. */
    public final float[] data() {
        return data;
    }

    public final int offset() {
        return offset;
    }

    public final int rows() {
        return rows;
    }

    /** Columns, also the row stride in {@link #data()}. */
    public final int cols() {
        return cols;
    }

    /** Copies the heap array into the backend's storage again (nothing to do for a heap view). */
    public void refresh() {
    }

    /** Releases the backend's copy; the matrix must not be used afterwards. */
    @Override
    public void close() {
    }
}
