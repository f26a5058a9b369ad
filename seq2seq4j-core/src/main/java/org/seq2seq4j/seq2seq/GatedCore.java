package org.seq2seq4j.seq2seq;

import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.tensor.Shape;

/**
 * One step of a gated recurrent core with Keras's equations and weight layouts, LSTM
 * ({@link LstmCore}) or GRU ({@link GruCore}), on whole batches: the building block of this
 * package's cells, which chain several cores inside one timestep (recurrentshop's
 * {@code RecurrentSequential}). Every matrix is a row-major {@code (batch, width)} block given as
 * an array and an offset; products go through a {@link Gemm}. Weights: {@code kernel (in, G·u)},
 * {@code recurrent_kernel (u, G·u)}, {@code bias} ({@code (G·u)} for LSTM, {@code (2, 3u)} for
 * GRU: input and recurrent rows) and, for an LSTM whose input and recurrent products each carry a
 * bias (the original's AttentionDecoderCell), {@code recurrent_bias (4u)}; they are
 * {@code w[wi], w[wi + 1], ...} of the cell's weight arrays.
 *
 * <p>Forward keeps {@link #cacheWidth()} floats per row in a cache block for the backward step,
 * which also reads the step's input and previous states and uses {@link #scratchWidth()} floats
 * per row of scratch. Backward <em>adds</em> into the weight gradients and into the gradients of
 * the input and of the previous states. Nothing allocates.
 */
abstract class GatedCore {
    final int units;
    private final CellType type;
    private final int gates;
    private final int cacheWidth;
    private final int scratchWidth;

    GatedCore(CellType type, int units, int gates, int cacheWidth, int scratchWidth) {
        this.type = type;
        this.units = units;
        this.gates = gates;
        this.cacheWidth = cacheWidth;
        this.scratchWidth = scratchWidth;
    }

    static GatedCore of(CellType type, int units) {
        return type == CellType.LSTM ? new LstmCore(units) : new GruCore(units);
    }

    CellType type() {
        return type;
    }

    /** {@code 2} (h, c) for LSTM, {@code 1} (h) for GRU. */
    int stateCount() {
        return type == CellType.LSTM ? 2 : 1;
    }

    /** {@code G·u}: the width of the kernel. */
    int gateWidth() {
        return gates * units;
    }

    /** {@code (4u)} for LSTM; {@code (2, 3u)} for GRU (input and recurrent biases). */
    Shape biasShape() {
        return type == CellType.LSTM ? Shape.of(gateWidth()) : Shape.of(2, gateWidth());
    }

    /** Floats per row the forward step keeps for backward. */
    int cacheWidth() {
        return cacheWidth;
    }

    /** Floats per row of backward scratch. */
    int scratchWidth() {
        return scratchWidth;
    }

    /** The number of weights: kernel, recurrent_kernel, bias and, for a two-bias LSTM, recurrent_bias. */
    int weightCount(boolean twoBiases) {
        return twoBiases && type() == CellType.LSTM ? 4 : 3;
    }

    /** Creates the weights {@code prefix + "kernel"} and so on, for inputs of {@code in} values. */
    void addWeights(RecurrentCell.WeightFactory w, String prefix, int in, boolean twoBiases) {
        w.add(prefix + "kernel", Shape.of(in, gateWidth()), Initializers.glorotUniform());
        w.add(prefix + "recurrent_kernel", Shape.of(units, gateWidth()), Initializers.orthogonal(1.0));
        w.add(prefix + "bias", biasShape(), Initializers.zeros());
        if (weightCount(twoBiases) == 4) {
            w.add(prefix + "recurrent_bias", Shape.of(gateWidth()), Initializers.zeros());
        }
    }

    /**
     * One step: from {@code x (batch, in)} (row stride {@code ldx}) and the previous states
     * {@code h} (and {@code c} for LSTM; ignored for GRU), writes the new states and this step's
     * cache block {@code (batch, cacheWidth)} at {@code cacheOff}.
     */
    abstract void forward(Gemm g, int batch, int in, float[] x, int xOff, int ldx, float[][] w, int wi, boolean twoBiases,
                          float[] h, int hOff, float[] c, int cOff, float[] hNew, int hNewOff, float[] cNew, int cNewOff,
                          float[] cache, int cacheOff);

    /**
     * Reverse of {@link #forward} with the same input, states and cache: from the gradients of the
     * new states ({@code dcNew} may be null for LSTM: none; ignored for GRU) adds into the weight
     * gradients {@code dw[wi...]}, into {@code dx} (row stride {@code lddx}; skipped when null) and
     * into {@code dh} (and {@code dc}).
     */
    abstract void backward(Gemm g, int batch, int in, float[] x, int xOff, int ldx, float[][] w, float[][] dw, int wi,
                           boolean twoBiases, float[] h, int hOff, float[] c, int cOff, float[] cache, int cacheOff,
                           float[] dhNew, int dhNewOff, float[] dcNew, int dcNewOff, float[] dx, int dxOff, int lddx,
                           float[] dh, int dhOff, float[] dc, int dcOff, float[] scratch, int scratchOff);

    /** {@code out[off + b·n ...] = bias[bOff ...]} for every row (and {@code + bias2} when not null). */
    static void fillRows(int batch, int n, float[] bias, int bOff, float[] bias2, float[] out, int off) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(bias, bOff, out, off + b * n, n);
            if (bias2 != null) {
                for (int j = 0; j < n; j++) {
                    out[off + b * n + j] += bias2[j];
                }
            }
        }
    }

    /** {@code sum[sOff + j] += Σ_b m[off + b·n + j]}. */
    static void addColumnSums(int batch, int n, float[] m, int off, float[] sum, int sOff) {
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
                sum[sOff + j] += m[off + b * n + j];
            }
        }
    }

    /** The products of a backward step: {@code dW += xᵀ·dz}, {@code dx += dz·Wᵀ} (when in > 0). */
    static void inputProducts(Gemm g, int batch, int in, int n, float[] x, int xOff, int ldx, float[] w, float[] dw,
                              float[] dz, int dzOff, float[] dx, int dxOff, int lddx) {
        if (in == 0) {
            return;
        }
        g.sgemm(true, false, in, n, batch, 1f, x, xOff, ldx, dz, dzOff, n, 1f, dw, 0, n);
        if (dx != null) {
            g.sgemm(false, true, batch, in, n, 1f, dz, dzOff, n, w, 0, n, 1f, dx, dxOff, lddx);
        }
    }
}
