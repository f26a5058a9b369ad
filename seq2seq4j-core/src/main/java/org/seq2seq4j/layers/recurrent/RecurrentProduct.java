package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.PreparedMatrix;

/**
 * The recurrent product {@code h·U} of one step, in column blocks: one block per gate with per-gate
 * recurrent dropout, else one block plus the cell's gated columns (see {@link FusedStep#gatedColumns}).
 * Block {@code k}'s left operand is {@code h ⊙ mask_k} (or {@code h}), times the cell's gate for the
 * gated block. Holds the per-step scratch, so steps allocate nothing. Histories are batch-major
 * {@code (batch, steps, u)}: per block the left operand (for the gated block, {@code h ⊙ mask} until
 * the backward step replaces it by the operand), and the gate. The recurrent kernel comes prepared
 * for the pass ({@link RnnLoop#prepareRecurrent}); each block multiplies its columns of it.
 */
final class RecurrentProduct {
    private final FusedStep cell;
    /** The rows multiplied (at most the capacity the buffers were sized for); a stepper lowers it when rows finish. */
    private int batch;
    private final int capacity;
    private final int u;
    private final int gu;
    private final int[] from;
    private final int[] to;
    private final float[][] masks;
    private final int gatedBlock;
    private final float[] left;
    private final float[] gate;
    private final float[] dLeft;

    RecurrentProduct(FusedStep cell, int batch, float[][] recurrentMasks) {
        this.cell = cell;
        this.batch = batch;
        this.capacity = batch;
        this.u = cell.units();
        this.gu = cell.gates() * u;
        int gated = cell.gatedColumns();
        boolean perGate = recurrentMasks != null && recurrentMasks.length > 1;
        int n = perGate ? cell.gates() : gated > 0 ? 2 : 1;
        from = new int[n];
        to = new int[n];
        masks = new float[n][];
        for (int k = 0; k < n; k++) {
            from[k] = perGate ? k * u : k == 0 ? 0 : gu - gated;
            to[k] = perGate ? (k + 1) * u : k == n - 1 ? gu : gu - gated;
            masks[k] = recurrentMasks == null ? null : recurrentMasks[perGate ? k : 0];
        }
        gatedBlock = gated > 0 ? n - 1 : -1;
        left = new float[batch * u];
        gate = gated > 0 ? new float[batch * u] : null;
        dLeft = new float[batch * u];
    }

    /** Multiplies only the first {@code n} rows from now on ({@code n} at most the batch it was made for). */
    void rows(int n) {
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("rows " + n + " outside [0, " + capacity + "]");
        }
        batch = n;
    }

    int blocks() {
        return from.length;
    }

    boolean gated() {
        return gatedBlock >= 0;
    }

    /**
     * Adds every block's product into timestep {@code t}'s rows of {@code target} ({@code r}, or
     * {@code z} itself). With {@code hist} (backward follows) keeps the left operands and the gate.
     */
    void forward(int steps, int t, float[] z, float[] target, float[] h, PreparedMatrix kernel, float[][] hist,
                 float[] gateHist) {
        for (int k = 0; k < from.length; k++) {
            float[] a = h;
            if (masks[k] != null || k == gatedBlock) {
                multiply(h, masks[k], left);
                a = left;
            }
            if (hist != null) {
                RnnLoop.copyRows(batch, u, a, 0, u, hist[k], t * u, steps * u);
            }
            if (k == gatedBlock) {
                cell.recurrentGate(batch, steps, t, z, gate);
                multiply(left, gate, left);
                if (gateHist != null) {
                    RnnLoop.copyRows(batch, u, gate, 0, u, gateHist, t * u, steps * u);
                }
            }
            Gemms.get().sgemm(false, false, batch, to[k] - from[k], u, 1f, a, 0, u, kernel, from[k],
                    1f, target, t * gu + from[k], steps * gu);
        }
    }

    /**
     * Backward of the gated block at step {@code t}, after the cell's backward step: the gate's
     * gradient goes to the cell, {@code dh += dLeft ⊙ gate ⊙ mask}, and the history keeps the
     * gated operand for {@link #weightGradients}. No-op without gated columns.
     */
    void backwardGated(int steps, int t, float[] z, float[] target, PreparedMatrix kernel, float[][] hist, float[] gateHist,
                       float[] dh) {
        if (gatedBlock < 0) {
            return;
        }
        int k = gatedBlock;
        Gemms.get().sgemm(false, true, batch, u, to[k] - from[k], 1f, target, t * gu + from[k], steps * gu,
                kernel, from[k], 0f, dLeft, 0, u);
        float[] hm = hist[k];
        float[] m = masks[k];
        for (int b = 0; b < batch; b++) {
            int row = (b * steps + t) * u;
            for (int j = 0; j < u; j++) {
                int i = b * u + j;
                float g = gateHist[row + j];
                float d = dLeft[i];
                dh[i] += d * g * (m == null ? 1f : m[i]);
                left[i] = d * hm[row + j];
                hm[row + j] *= g;
            }
        }
        cell.recurrentGateBackward(batch, steps, t, z, left);
    }

    /** {@code dh += (dr·Uᵀ) ⊙ mask} over the ungated blocks, after masked rows of {@code target} were zeroed. */
    void backwardUngated(int steps, int t, float[] target, PreparedMatrix kernel, float[] dh) {
        for (int k = 0; k < from.length; k++) {
            if (k == gatedBlock) {
                continue;
            }
            float[] m = masks[k];
            Gemms.get().sgemm(false, true, batch, u, to[k] - from[k], 1f, target, t * gu + from[k], steps * gu,
                    kernel, from[k], m == null ? 1f : 0f, m == null ? dh : dLeft, 0, u);
            if (m != null) {
                for (int i = 0; i < batch * u; i++) {
                    dh[i] += dLeft[i] * m[i];
                }
            }
        }
    }

    /** {@code dU[:, block] += leftᵀ·dr[:, block]} over all {@code rows} (batch × steps) at once. */
    void weightGradients(int rows, float[][] hist, float[] target, float[] dKernel) {
        for (int k = 0; k < from.length; k++) {
            Gemms.get().sgemm(true, false, u, to[k] - from[k], rows, 1f, hist[k], 0, u, target, from[k], gu,
                    1f, dKernel, from[k], gu);
        }
    }

    /** {@code out = a ⊙ m} (a copy when {@code m} is null); {@code out} may be {@code a}. */
    private void multiply(float[] a, float[] m, float[] out) {
        for (int i = 0; i < batch * u; i++) {
            out[i] = m == null ? a[i] : a[i] * m[i];
        }
    }
}
