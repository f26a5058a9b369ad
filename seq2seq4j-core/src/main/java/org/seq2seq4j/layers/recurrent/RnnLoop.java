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
 * GEMM (one per gate with per-gate input dropout), or row lookups for one-hot inputs; each step
 * adds the recurrent product {@code h·U} into its slice of {@code Z}, or of a separate buffer
 * {@code R} for cells that keep it apart (GRU reset_after), in column blocks
 * ({@link RecurrentProduct}: per gate with per-gate recurrent dropout, and the gated columns of GRU
 * without reset_after after the reset gate), then runs the cell's step math ({@link StepRows}).
 * The recurrent kernel is prepared ({@link PreparedMatrix}: OpenBLAS copies it off-heap) once per
 * forward and once per backward pass, not per step. Backward walks the steps in reverse, adding
 * {@code dr·Uᵀ} to {@code dh} per step, then forms {@code dX = dZ·Wᵀ}, {@code dW = Xᵀ·dZ}
 * (scatters for one-hot inputs), {@code dU = H₋₁ᵀ·dR} and the bias gradients as single GEMMs and
 * column sums. The loop handles {@code go_backwards}, masks,
 * initial states, dropout masks ({@link RnnDropout}, fixed for the whole sequence) and the return
 * options as Keras does: a masked step keeps the previous states, and its output repeats the
 * previous output (zeros before the first valid step) unless {@code zero_output_for_mask};
 * {@code go_backwards} reverses input and mask, and the returned sequence is in processing
 * (reversed) order.
 *
 * <p>Layout: {@code Z}, {@code R}, the cell cache and the operand histories are batch-major
 * {@code (batch, timesteps, ·)} in input time order, so the big products read and write them
 * without copies; the step loops allocate nothing. Caches are kept only while a
 * {@link Tape} records.
 *
 * <pre>{@code
 * RnnLoop loop = new RnnLoop(new LstmStep(4, Activation.TANH, Activation.SIGMOID), false, true, false);
 * Tensor[] out = loop.apply(x, kernel, recurrentKernel, bias, null, null); // [sequence, h, c]
 * // x (2, 5, 3) -> out[0].shape() = (2, 5, 4), out[1].shape() = (2, 4)
 * }</pre>
 */
public final class RnnLoop {
    private final FusedStep cell;
    private final boolean goBackwards;
    private final boolean returnSequences;
    private final boolean zeroOutputForMask;

    public RnnLoop(FusedStep cell, boolean goBackwards, boolean returnSequences, boolean zeroOutputForMask) {
        this.cell = cell;
        this.goBackwards = goBackwards;
        this.returnSequences = returnSequences;
        this.zeroOutputForMask = zeroOutputForMask;
    }

    public FusedStep cell() {
        return cell;
    }

    /**
     * Runs the sequence as one node on the active tape (if any). Shapes are the caller's
     * responsibility (the layer checks them): {@code x (batch, timesteps, features)},
     * {@code kernel (features, G·u)}, {@code recurrentKernel (u, G·u)}, {@code bias (G·u)} (or
     * {@code (2, G·u)} for a cell with {@link FusedStep#separateRecurrent()}) or null,
     * {@code initialStates} null or one {@code (batch, u)} tensor per state,
     * {@code mask (batch, timesteps)} of 1/0 or null. Returns {@code [output, state_0, ...]},
     * output being {@code (batch, timesteps, u)} with return_sequences, else {@code (batch, u)}.
     */
    public Tensor[] apply(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias,
                          Tensor[] initialStates, Tensor mask) {
        return apply(x, kernel, recurrentKernel, bias, initialStates, mask, RnnDropout.NONE);
    }

    /** As {@link #apply(Tensor, Tensor, Tensor, Tensor, Tensor[], Tensor)}, with fixed dropout masks for this call. */
    public Tensor[] apply(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias,
                          Tensor[] initialStates, Tensor mask, RnnDropout dropout) {
        dropout.check(cell.gates(), x.shape().dim(0), x.shape().dim(2), cell.units());
        int n = initialStates == null ? 0 : initialStates.length;
        Tensor[] in = Arrays.copyOf(new Tensor[] {x, kernel, recurrentKernel, bias}, 4 + n);
        for (int k = 0; k < n; k++) {
            in[4 + k] = initialStates[k];
        }
        return Tape.apply(new RnnSequenceOp(this, mask == null ? null : mask.data(), dropout), in);
    }

    /** Per-call buffers kept for backward and the outputs. */
    static final class Run {
        final int batch;
        final int steps;
        final int features;
        /** x·W + b_x, later dz. */
        final float[] z;
        /** h·U + b_h, later dr; {@code z} itself unless the cell keeps them apart. */
        final float[] r;
        /** The inputs of each input-dropout block (the input itself without dropout). */
        final float[][] xs;
        /** Per block, each row's nonzero column when the block's input is one-hot (see {@link SparseRows}), else null. */
        final int[][] oneHot;
        /** The recurrent product's left operands per block, and the gate (see {@link RecurrentProduct}). */
        final float[][] hist;
        final float[] gateHist;
        final float[] cache;
        final RecurrentProduct product;
        final Tensor[] outputs;

        Run(int batch, int steps, int features, float[] z, float[] r, float[][] xs, int[][] oneHot, float[][] hist,
            float[] gateHist, float[] cache, RecurrentProduct product, Tensor[] outputs) {
            this.batch = batch;
            this.steps = steps;
            this.features = features;
            this.z = z;
            this.r = r;
            this.xs = xs;
            this.oneHot = oneHot;
            this.hist = hist;
            this.gateHist = gateHist;
            this.cache = cache;
            this.product = product;
            this.outputs = outputs;
        }
    }

    /**
     * {@code z[rows, from:to] = x·kernel[:, from:to] + bias[from:to]}: one GEMM, the bias copied in
     * first (or beta = 0 without bias); for one-hot rows ({@code oneHot} from {@link #oneHotColumns},
     * not null) row lookups instead. Row stride of z and kernel is {@code gu}.
     */
    static void projectInputs(int rows, int features, int gu, int from, int to, float[] x, int xOff, int[] oneHot,
                              float[] kernel, float[] bias, float[] z) {
        for (int r = 0; r < rows; r++) {
            if (bias != null) {
                System.arraycopy(bias, from, z, r * gu + from, to - from);
            } else if (oneHot != null) {
                Arrays.fill(z, r * gu + from, r * gu + to, 0f);
            }
        }
        if (oneHot != null) {
            SparseRows.gatherAdd(x, xOff, oneHot, rows, features, kernel, gu, from, to, z);
        } else {
            Gemms.get().sgemm(false, false, rows, to - from, features, 1f, x, xOff, features, kernel, from, gu,
                    bias != null ? 1f : 0f, z, from, gu);
        }
    }

    /**
     * Each row's nonzero column, in {@code at} (or a new array when {@code at} is null), when every
     * row of {@code x[off ...]} has at most one nonzero (one-hot tokens, also after dropout); null
     * when some row has more. Dense inputs are told by their first row, without allocating.
     */
    static int[] oneHotColumns(float[] x, int off, int rows, int features, int[] at) {
        if (!SparseRows.atMostOneNonzero(x, off, Math.min(rows, 1), features)) {
            return null;
        }
        int[] columns = at != null ? at : new int[rows];
        return SparseRows.columns(x, off, rows, features, columns) ? columns : null;
    }

    /** The recurrent kernel {@code (u, G·u)} prepared for the per-step products of one pass; close it after. */
    static PreparedMatrix prepareRecurrent(FusedStep cell, float[] recurrentKernel) {
        return Gemms.get().prepare(recurrentKernel, 0, cell.units(), cell.gates() * cell.units());
    }

    /** Sets every one of {@code rows} rows of {@code r} to the recurrent bias {@code bias[gu:2gu]}, or zeros without bias. */
    static void fillRecurrentBias(int rows, int gu, float[] bias, float[] r) {
        for (int row = 0; row < rows; row++) {
            if (bias == null) {
                Arrays.fill(r, row * gu, row * gu + gu, 0f);
            } else {
                System.arraycopy(bias, gu, r, row * gu, gu);
            }
        }
    }

    Run forward(Tensor[] in, float[] mask, RnnDropout dropout, boolean keep) {
        Tensor x = in[0];
        int batch = x.shape().dim(0);
        int steps = x.shape().dim(1);
        int features = x.shape().dim(2);
        int u = cell.units();
        int gu = cell.gates() * u;
        int ns = cell.stateCount();
        float[] bias = in[3] == null ? null : in[3].data();
        float[] z = new float[batch * steps * gu];
        float[][] xs = droppedInputs(x.data(), batch, steps, features, dropout.input());
        int[][] oneHot = new int[xs.length][];
        for (int k = 0; k < xs.length; k++) {
            oneHot[k] = oneHotColumns(xs[k], 0, batch * steps, features, null);
            projectInputs(batch * steps, features, gu, k * gu / xs.length, (k + 1) * gu / xs.length, xs[k], 0,
                    oneHot[k], in[1].data(), bias, z);
        }
        float[] r = z;
        if (cell.separateRecurrent()) {
            r = new float[batch * steps * gu];
            fillRecurrentBias(batch * steps, gu, bias, r);
        }
        float[][] states = new float[ns][];
        for (int k = 0; k < ns; k++) {
            states[k] = in.length > 4 ? in[4 + k].data().clone() : new float[batch * u];
        }
        RecurrentProduct product = new RecurrentProduct(cell, batch, dropout.recurrent());
        float[][] hist = keep ? new float[product.blocks()][batch * steps * u] : null;
        float[] gateHist = keep && product.gated() ? new float[batch * steps * u] : null;
        float[] cache = keep ? new float[batch * steps * cell.cacheWidth()] : null;
        float[][] saved = mask == null ? null : new float[ns][batch * u];
        float[] last = new float[batch * u];
        float[] seq = returnSequences ? new float[batch * steps * u] : null;
        try (PreparedMatrix rk = prepareRecurrent(cell, in[2].data())) {
            for (int s = 0; s < steps; s++) {
                int t = timeOf(s, steps);
                if (mask != null) {
                    for (int k = 0; k < ns; k++) {
                        System.arraycopy(states[k], 0, saved[k], 0, batch * u);
                    }
                }
                product.forward(steps, t, z, r, states[0], rk, hist, gateHist);
                StepRows.forward(cell, batch, steps, t, z, r, states, cache);
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
        return new Run(batch, steps, features, z, r, xs, oneHot, hist, gateHist, cache, product, outputs);
    }

    /** The input of each input-dropout block: {@code x ⊙ mask_k}, each mask broadcast over time; {@code {x}} without dropout. */
    private static float[][] droppedInputs(float[] x, int batch, int steps, int features, float[][] masks) {
        if (masks == null) {
            return new float[][] {x};
        }
        float[][] out = new float[masks.length][x.length];
        for (int k = 0; k < masks.length; k++) {
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    int row = (b * steps + t) * features;
                    for (int f = 0; f < features; f++) {
                        out[k][row + f] = x[row + f] * masks[k][b * features + f];
                    }
                }
            }
        }
        return out;
    }

    void backward(Run run, Tensor[] in, float[] mask, RnnDropout dropout, Tensor[] dOut, Tensor[] dIn) {
        int batch = run.batch;
        int steps = run.steps;
        int u = cell.units();
        int gu = cell.gates() * u;
        int ns = cell.stateCount();
        float[] z = run.z;
        float[] r = run.r;
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
                StepRows.backward(cell, batch, steps, t, z, r, dStates, run.cache);
                run.product.backwardGated(steps, t, z, r, rk, run.hist, run.gateHist, dStates[0]);
                if (mask != null) {
                    zeroMaskedRows(batch, gu, steps, t, mask, z);
                    if (r != z) {
                        zeroMaskedRows(batch, gu, steps, t, mask, r);
                    }
                    restoreMaskedRows(batch, u, steps, t, mask, saved, dStates);
                }
                run.product.backwardUngated(steps, t, r, rk, dStates[0]);
            }
        }
        for (int k = 0; k < ns && 4 + k < dIn.length; k++) {
            addInto(dIn[4 + k], dStates[k]);
        }
        if (dIn[2] != null) {
            run.product.weightGradients(batch * steps, run.hist, r, dIn[2].data());
        }
        accumulateInputGradients(run, in, dropout.input(), dIn, gu);
    }

    /**
     * Per input block: dX += (dZ·Wᵀ) ⊙ mask, dW += Xᵀ·dZ (a scatter for one-hot X); db += Σ dZ (in
     * the scatters' pass over dZ when every block is one-hot) and Σ dR into the recurrent bias row
     * for a separate recurrent bias.
     */
    private void accumulateInputGradients(Run run, Tensor[] in, float[][] masks, Tensor[] dIn, int gu) {
        int rows = run.batch * run.steps;
        int f = run.features;
        int n = run.xs.length;
        float[] tmp = masks != null && dIn[0] != null ? new float[rows * f] : null;
        float[] db = dIn[3] == null ? null : dIn[3].data();
        boolean sumsInScatter = db != null && dIn[1] != null && !Arrays.asList(run.oneHot).contains(null);
        for (int k = 0; k < n; k++) {
            int from = k * gu / n;
            int cols = (k + 1) * gu / n - from;
            if (dIn[0] != null) {
                Gemms.get().sgemm(false, true, rows, f, cols, 1f, run.z, from, gu, in[1].data(), from, gu,
                        tmp == null ? 1f : 0f, tmp == null ? dIn[0].data() : tmp, 0, f);
                if (tmp != null) {
                    addMasked(run.batch, run.steps, f, tmp, masks[k], dIn[0].data());
                }
            }
            if (dIn[1] != null) {
                float[] x = run.xs[k];
                if (run.oneHot[k] != null) {
                    SparseRows.scatterAdd(x, 0, run.oneHot[k], rows, f, run.z, gu, from, from + cols, dIn[1].data(),
                            sumsInScatter ? db : null, 0);
                } else {
                    Gemms.get().sgemm(true, false, f, cols, rows, 1f, x, 0, f, run.z, from, gu, 1f, dIn[1].data(), from, gu);
                }
            }
        }
        if (db != null && !sumsInScatter) {
            ColumnSums.add(run.z, rows, gu, db, 0);
        }
        if (db != null && run.r != run.z) {
            ColumnSums.add(run.r, rows, gu, db, gu);
        }
    }

    /** {@code dx[b, t, :] += v[b, t, :] ⊙ mask[b, :]}. */
    private static void addMasked(int batch, int steps, int f, float[] v, float[] mask, float[] dx) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int row = (b * steps + t) * f;
                for (int j = 0; j < f; j++) {
                    dx[row + j] += v[row + j] * mask[b * f + j];
                }
            }
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
    static void copyRows(int batch, int n, float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
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
