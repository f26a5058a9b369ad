package org.seq2seq4j.layers.recurrent;

import java.util.Arrays;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.kernels.ColumnSums;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.PreparedMatrix;
import org.seq2seq4j.kernels.SparseRows;
import org.seq2seq4j.tensor.Tensor;

/**
 * The time loop shared by every recurrent layer, as one fused autodiff op with a hand-written
 * backward (BPTT). Forward: the input projection {@code Z = X·W + b} for all timesteps is one
 * GEMM; each step adds {@code h·U} into its slice of {@code Z} (one GEMM) and runs the cell's
 * step math. Backward walks the steps in reverse, adding {@code dz·Uᵀ} to {@code dh} per step,
 * then forms {@code dX = dZ·Wᵀ}, {@code dW = Xᵀ·dZ}, {@code dU = H₋₁ᵀ·dZ} and
 * {@code db = Σ dZ} as single GEMMs. The loop handles {@code go_backwards}, masks, initial
 * states and the return options as Keras does: a masked step keeps the previous states, and
 * its output repeats the previous output (zeros before the first valid step) unless
 * {@code zero_output_for_mask}; {@code go_backwards} reverses input and mask, and the returned
 * sequence is in processing (reversed) order.
 *
 * <p>Layout: {@code Z}, the cell cache and the history of {@code h} are batch-major
 * {@code (batch, timesteps, ·)} in input time order, so the big products read and write them
 * without copies; the step loops allocate nothing. Caches are kept only while a
 * {@link Tape} records.
 *
 * <pre>{@code
 * RnnLoop loop = new RnnLoop(new LstmCell(4, Activation.TANH, Activation.SIGMOID), false, true, false);
 * Tensor[] out = loop.apply(x, kernel, recurrentKernel, bias, null, null); // [sequence, h, c]
 * // x (2, 5, 3) -> out[0].shape() = (2, 5, 4), out[1].shape() = (2, 4)
 * }</pre>
 */
public final class RnnLoop {
    private final RnnCell cell;
    private final boolean goBackwards;
    private final boolean returnSequences;
    private final boolean zeroOutputForMask;

    public RnnLoop(RnnCell cell, boolean goBackwards, boolean returnSequences, boolean zeroOutputForMask) {
        this.cell = cell;
        this.goBackwards = goBackwards;
        this.returnSequences = returnSequences;
        this.zeroOutputForMask = zeroOutputForMask;
    }

    public RnnCell cell() {
        return cell;
    }

    /**
     * Runs the sequence as one node on the active tape (if any). Shapes are the caller's
     * responsibility (the layer checks them): {@code x (batch, timesteps, features)},
     * {@code kernel (features, G·u)}, {@code recurrentKernel (u, G·u)}, {@code bias (G·u)} or
     * null, {@code initialStates} null or one {@code (batch, u)} tensor per state,
     * {@code mask (batch, timesteps)} of 1/0 or null. Returns {@code [output, state_0, ...]},
     * output being {@code (batch, timesteps, u)} with return_sequences, else {@code (batch, u)}.
     */
    public Tensor[] apply(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias,
                          Tensor[] initialStates, Tensor mask) {
        int n = initialStates == null ? 0 : initialStates.length;
        Tensor[] in = Arrays.copyOf(new Tensor[] {x, kernel, recurrentKernel, bias}, 4 + n);
        for (int k = 0; k < n; k++) {
            in[4 + k] = initialStates[k];
        }
        return Tape.apply(new RnnSequenceOp(this, mask == null ? null : mask.data()), in);
    }

    /** Per-call buffers kept for backward (gates, later dz; cell cache; h entering each timestep) and the outputs. */
    static final class Run {
        final int batch;
        final int steps;
        final int features;
        final float[] z;
        final float[] hIn;
        final float[] cache;
        final Tensor[] outputs;

        Run(int batch, int steps, int features, float[] z, float[] hIn, float[] cache, Tensor[] outputs) {
            this.batch = batch;
            this.steps = steps;
            this.features = features;
            this.z = z;
            this.hIn = hIn;
            this.cache = cache;
            this.outputs = outputs;
        }
    }

    /**
     * {@code z[rows, G·u] = x·kernel + bias}: one GEMM, the bias copied in first (or beta = 0 without
     * bias); one-hot rows (at most one nonzero each, e.g. tokens) are row lookups instead.
     */
    static void projectInputs(int rows, int features, int gu, float[] x, int xOff, float[] kernel, float[] bias, float[] z) {
        boolean oneHot = SparseRows.atMostOneNonzero(x, xOff, rows, features);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, z, r * gu, gu);
            }
        } else if (oneHot) {
            Arrays.fill(z, 0, rows * gu, 0f);
        }
        if (oneHot) {
            SparseRows.gatherAdd(x, xOff, rows, features, kernel, gu, z);
        } else {
            Gemms.get().sgemm(false, false, rows, gu, features, 1f, x, xOff, features, kernel, 0, gu,
                    bias != null ? 1f : 0f, z, 0, gu);
        }
    }

    /** The recurrent kernel {@code (u, G·u)} prepared for the per-step products of one pass; close it after. */
    static PreparedMatrix prepareRecurrent(RnnCell cell, float[] recurrentKernel) {
        return Gemms.get().prepare(recurrentKernel, 0, cell.units(), cell.gates() * cell.units());
    }

    /** Adds {@code h·U} into timestep {@code t}'s rows of {@code z}, then runs the cell's step. */
    static void recurrentStep(RnnCell cell, int batch, int steps, int t, float[] z, float[][] states,
                              PreparedMatrix recurrentKernel, float[] cache) {
        int u = cell.units();
        int gu = cell.gates() * u;
        Gemms.get().sgemm(false, false, batch, gu, u, 1f, states[0], 0, u, recurrentKernel,
                1f, z, t * gu, steps * gu);
        cell.stepForward(batch, steps, t, z, states, cache);
    }

    Run forward(Tensor[] in, float[] mask, boolean keep) {
        Tensor x = in[0];
        int batch = x.shape().dim(0);
        int steps = x.shape().dim(1);
        int features = x.shape().dim(2);
        int u = cell.units();
        int gu = cell.gates() * u;
        int ns = cell.stateCount();
        float[] z = new float[batch * steps * gu];
        projectInputs(batch * steps, features, gu, x.data(), 0, in[1].data(), in[3] == null ? null : in[3].data(), z);
        float[][] states = new float[ns][];
        for (int k = 0; k < ns; k++) {
            states[k] = in.length > 4 ? in[4 + k].data().clone() : new float[batch * u];
        }
        float[] hIn = keep ? new float[batch * steps * u] : null;
        float[] cache = keep ? new float[batch * steps * cell.cacheWidth()] : null;
        float[][] saved = mask == null ? null : new float[ns][batch * u];
        float[] last = new float[batch * u];
        float[] seq = returnSequences ? new float[batch * steps * u] : null;
        try (PreparedMatrix rk = prepareRecurrent(cell, in[2].data())) {
            for (int s = 0; s < steps; s++) {
                int t = timeOf(s, steps);
                if (keep) {
                    copyRows(batch, u, states[0], 0, u, hIn, t * u, steps * u);
                }
                if (mask != null) {
                    for (int k = 0; k < ns; k++) {
                        System.arraycopy(states[k], 0, saved[k], 0, batch * u);
                    }
                }
                recurrentStep(cell, batch, steps, t, z, states, rk, cache);
                if (mask != null) {
                    restoreMaskedRows(batch, u, steps, t, mask, saved, states);
                }
                emitOutput(batch, u, steps, t, mask, states[0], last);
                if (seq != null) {
                    copyRows(batch, u, last, 0, u, seq, s * u, steps * u);
                }
            }
        }
        Tensor[] outputs = new Tensor[1 + ns];
        outputs[0] = seq != null ? Tensor.of(seq, batch, steps, u) : Tensor.of(last, batch, u);
        for (int k = 0; k < ns; k++) {
            outputs[1 + k] = Tensor.of(states[k], batch, u);
        }
        return new Run(batch, steps, features, keep ? z : null, hIn, cache, outputs);
    }

    void backward(Run r, Tensor[] in, float[] mask, Tensor[] dOut, Tensor[] dIn) {
        int batch = r.batch;
        int steps = r.steps;
        int u = cell.units();
        int gu = cell.gates() * u;
        int ns = cell.stateCount();
        float[] z = r.z;
        float[][] dStates = new float[ns][];
        for (int k = 0; k < ns; k++) {
            dStates[k] = dOut[1 + k].data().clone();
        }
        float[][] saved = mask == null ? null : new float[ns][batch * u];
        float[] dSeq = returnSequences ? dOut[0].data() : null;
        float[] carry = returnSequences ? new float[batch * u] : dOut[0].data().clone();
        try (PreparedMatrix rk = prepareRecurrent(cell, in[2].data())) {
            for (int s = steps - 1; s >= 0; s--) {
                int t = timeOf(s, steps);
                routeOutputGradient(batch, u, steps, s, t, mask, dSeq, carry, dStates[0]);
                if (mask != null) {
                    for (int k = 0; k < ns; k++) {
                        System.arraycopy(dStates[k], 0, saved[k], 0, batch * u);
                    }
                }
                cell.stepBackward(batch, steps, t, z, dStates, r.cache);
                if (mask != null) {
                    zeroMaskedRows(batch, gu, steps, t, mask, z);
                    restoreMaskedRows(batch, u, steps, t, mask, saved, dStates);
                }
                Gemms.get().sgemm(false, true, batch, u, gu, 1f, z, t * gu, steps * gu, rk, 1f, dStates[0], 0, u);
            }
        }
        for (int k = 0; k < ns && 4 + k < dIn.length; k++) {
            addInto(dIn[4 + k], dStates[k]);
        }
        accumulateWeightGradients(r, in, dIn, gu);
    }

    /** dX += dZ·Wᵀ, dW += Xᵀ·dZ (a scatter for one-hot X), dU += H₋₁ᵀ·dZ, db += Σ dZ: one GEMM each over all timesteps. */
    private void accumulateWeightGradients(Run r, Tensor[] in, Tensor[] dIn, int gu) {
        int rows = r.batch * r.steps;
        int f = r.features;
        int u = cell.units();
        if (dIn[0] != null) {
            Gemms.get().sgemm(false, true, rows, f, gu, 1f, r.z, 0, gu, in[1].data(), 0, gu, 1f, dIn[0].data(), 0, f);
        }
        if (dIn[1] != null) {
            float[] x = in[0].data();
            if (SparseRows.atMostOneNonzero(x, 0, rows, f)) {
                SparseRows.scatterAdd(x, 0, rows, f, r.z, gu, dIn[1].data());
            } else {
                Gemms.get().sgemm(true, false, f, gu, rows, 1f, x, 0, f, r.z, 0, gu, 1f, dIn[1].data(), 0, gu);
            }
        }
        if (dIn[2] != null) {
            Gemms.get().sgemm(true, false, u, gu, rows, 1f, r.hIn, 0, u, r.z, 0, gu, 1f, dIn[2].data(), 0, gu);
        }
        if (dIn[3] != null) {
            ColumnSums.add(r.z, rows, gu, dIn[3].data());
        }
    }

    private int timeOf(int step, int steps) {
        return goBackwards ? steps - 1 - step : step;
    }

    /** The output of a step: h where the step is valid; else the previous output, or zeros with zero_output_for_mask. */
    private void emitOutput(int batch, int u, int steps, int t, float[] mask, float[] h, float[] last) {
        for (int b = 0; b < batch; b++) {
            if (mask == null || mask[b * steps + t] != 0f) {
                System.arraycopy(h, b * u, last, b * u, u);
            } else if (zeroOutputForMask) {
                Arrays.fill(last, b * u, b * u + u, 0f);
            }
        }
    }

    /**
     * Reverse of {@link #emitOutput}: the gradient reaching step {@code s}'s output (its sequence
     * slot plus what later masked steps passed back) goes to h where the step is valid and is
     * carried to the previous output where it is masked.
     */
    private void routeOutputGradient(int batch, int u, int steps, int s, int t, float[] mask, float[] dSeq,
                                     float[] carry, float[] dh) {
        for (int b = 0; b < batch; b++) {
            boolean valid = mask == null || mask[b * steps + t] != 0f;
            int row = b * u;
            int seqRow = (b * steps + s) * u;
            for (int j = 0; j < u; j++) {
                float g = carry[row + j] + (dSeq != null ? dSeq[seqRow + j] : 0f);
                if (valid) {
                    dh[row + j] += g;
                    carry[row + j] = 0f;
                } else {
                    carry[row + j] = zeroOutputForMask ? 0f : g;
                }
            }
        }
    }

    /** Copies the masked rows (mask 0 at time t) of every {@code from[k]} over {@code to[k]}. */
    private static void restoreMaskedRows(int batch, int u, int steps, int t, float[] mask, float[][] from, float[][] to) {
        for (int b = 0; b < batch; b++) {
            if (mask[b * steps + t] == 0f) {
                for (int k = 0; k < from.length; k++) {
                    System.arraycopy(from[k], b * u, to[k], b * u, u);
                }
            }
        }
    }

    /** Zeroes timestep t's rows of z where that step is masked: masked steps pass no gradient to the weights. */
    private static void zeroMaskedRows(int batch, int gu, int steps, int t, float[] mask, float[] z) {
        for (int b = 0; b < batch; b++) {
            if (mask[b * steps + t] == 0f) {
                int off = (b * steps + t) * gu;
                Arrays.fill(z, off, off + gu, 0f);
            }
        }
    }

    /** Copies {@code batch} rows of {@code n} floats between row strides. */
    private static void copyRows(int batch, int n, float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(src, srcOff + b * srcStride, dst, dstOff + b * dstStride, n);
        }
    }

    private static void addInto(Tensor target, float[] values) {
        if (target != null) {
            float[] d = target.data();
            for (int i = 0; i < values.length; i++) {
                d[i] += values[i];
            }
        }
    }
}
