package org.seq2seq4j.layers.recurrent;

import java.util.Arrays;
import org.seq2seq4j.kernels.ColumnSums;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.PreparedMatrix;
import org.seq2seq4j.kernels.SparseRows;
import org.seq2seq4j.tensor.Tensor;

/**
 * The per-step work of a fused cell over one sequence. Before the steps, the input projection
 * {@code Z = X·W + b} for all timesteps is one GEMM (one per gate with per-gate input dropout), or
 * row lookups for one-hot inputs. Each step adds the recurrent product {@code h·U} into its slice
 * of {@code Z}, or of a separate buffer {@code R} for cells that keep it apart (GRU reset_after),
 * in column blocks ({@link RecurrentProduct}), then runs the cell's step maths ({@link StepRows}).
 * The recurrent kernel is prepared ({@link PreparedMatrix}) once per pass, not per step. Backward
 * steps run the step maths in reverse and add {@code dR·Uᵀ} to {@code dh}; afterwards
 * {@code dX = dZ·Wᵀ}, {@code dW = Xᵀ·dZ} (scatters for one-hot inputs), {@code dU = H₋₁ᵀ·dR} and
 * the bias gradients are single GEMMs and column sums.
 *
 * <p>Layout: {@code Z}, {@code R}, the cell cache and the operand histories are batch-major
 * {@code (batch, timesteps, ·)} in input time order, so the big products read and write them
 * without copies.
 */
final class FusedRunner extends StepRunner {
    private final FusedStep cell;
    private final RnnDropout dropout;
    private final int features;
    private final int gu;
    private final Tensor recurrentKernel;
    /** x·W + b_x, later dz. */
    private final float[] z;
    /** h·U + b_h, later dr; {@code z} itself unless the cell keeps them apart. */
    private final float[] r;
    /** The inputs of each input-dropout block (the input itself without dropout). */
    private final float[][] xs;
    /** Per block, each row's nonzero column when the block's input is one-hot (see {@link SparseRows}), else null. */
    private final int[][] oneHot;
    /** The recurrent product's left operands per block, and the gate (see {@link RecurrentProduct}). */
    private final float[][] hist;
    private final float[] gateHist;
    private final float[] cache;
    private final RecurrentProduct product;
    private final float[][] states;
    private PreparedMatrix rk;

    FusedRunner(FusedStep cell, Tensor[] in, RnnDropout dropout, boolean keep) {
        super(in[0].shape().dim(0), in[0].shape().dim(1));
        this.cell = cell;
        this.dropout = dropout;
        Tensor x = in[0];
        this.features = x.shape().dim(2);
        int u = cell.units();
        this.gu = cell.gates() * u;
        this.recurrentKernel = in[2];
        float[] bias = in[3] == null ? null : in[3].data();
        z = new float[batch * steps * gu];
        xs = droppedInputs(x.data(), batch, steps, features, dropout.input());
        oneHot = new int[xs.length][];
        for (int k = 0; k < xs.length; k++) {
            oneHot[k] = oneHotColumns(xs[k], 0, batch * steps, features, null);
            projectInputs(batch * steps, features, gu, k * gu / xs.length, (k + 1) * gu / xs.length, xs[k], 0,
                    oneHot[k], in[1].data(), bias, z);
        }
        if (cell.separateRecurrent()) {
            r = new float[batch * steps * gu];
            fillRecurrentBias(batch * steps, gu, bias, r);
        } else {
            r = z;
        }
        product = new RecurrentProduct(cell, batch, dropout.recurrent());
        hist = keep ? new float[product.blocks()][batch * steps * u] : null;
        gateHist = keep && product.gated() ? new float[batch * steps * u] : null;
        cache = keep ? new float[batch * steps * cell.cacheWidth()] : null;
        states = new float[cell.stateCount()][batch * u];
    }

    @Override
    float[][] states() {
        return states;
    }

    @Override
    float[] output() {
        return states[0];
    }

    @Override
    void beginForward() {
        rk = prepareRecurrent(cell, recurrentKernel.data());
    }

    @Override
    void beginBackward(Tensor[] dIn) {
        rk = prepareRecurrent(cell, recurrentKernel.data());
    }

    @Override
    void endPass() {
        if (rk != null) {
            rk.close();
            rk = null;
        }
    }

    @Override
    void forward(int t) {
        product.forward(steps, t, z, r, states[0], rk, hist, gateHist);
        StepRows.forward(cell, batch, steps, t, z, r, states, cache);
    }

    @Override
    void backward(int t, float[][] dStates, float[] dOutput) {
        float[] dh = dStates[0];
        for (int i = 0; i < dh.length; i++) {
            dh[i] += dOutput[i];
        }
        StepRows.backward(cell, batch, steps, t, z, r, dStates, cache);
        product.backwardGated(steps, t, z, r, rk, hist, gateHist, dh);
        product.backwardUngated(steps, t, r, rk, dh);
    }

    @Override
    void gradients(Tensor[] in, Tensor[] dIn) {
        if (dIn[2] != null) {
            product.weightGradients(batch * steps, hist, r, dIn[2].data());
        }
        accumulateInputGradients(in, dIn);
    }

    /**
     * Per input block: dX += (dZ·Wᵀ) ⊙ mask, dW += Xᵀ·dZ (a scatter for one-hot X); db += Σ dZ (in
     * the scatters' pass over dZ when every block is one-hot) and Σ dR into the recurrent bias row
     * for a separate recurrent bias.
     */
    private void accumulateInputGradients(Tensor[] in, Tensor[] dIn) {
        float[][] masks = dropout.input();
        int rows = batch * steps;
        int f = features;
        int n = xs.length;
        float[] tmp = masks != null && dIn[0] != null ? new float[rows * f] : null;
        float[] db = dIn[3] == null ? null : dIn[3].data();
        boolean sumsInScatter = db != null && dIn[1] != null && !Arrays.asList(oneHot).contains(null);
        for (int k = 0; k < n; k++) {
            int from = k * gu / n;
            int cols = (k + 1) * gu / n - from;
            if (dIn[0] != null) {
                Gemms.get().sgemm(false, true, rows, f, cols, 1f, z, from, gu, in[1].data(), from, gu,
                        tmp == null ? 1f : 0f, tmp == null ? dIn[0].data() : tmp, 0, f);
                if (tmp != null) {
                    addMasked(batch, steps, f, tmp, masks[k], dIn[0].data());
                }
            }
            if (dIn[1] != null) {
                float[] x = xs[k];
                if (oneHot[k] != null) {
                    SparseRows.scatterAdd(x, 0, oneHot[k], rows, f, z, gu, from, from + cols, dIn[1].data(),
                            sumsInScatter ? db : null, 0);
                } else {
                    Gemms.get().sgemm(true, false, f, cols, rows, 1f, x, 0, f, z, from, gu, 1f, dIn[1].data(), from, gu);
                }
            }
        }
        if (db != null && !sumsInScatter) {
            ColumnSums.add(z, rows, gu, db, 0);
        }
        if (db != null && r != z) {
            ColumnSums.add(r, rows, gu, db, gu);
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
}
