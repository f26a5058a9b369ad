package org.seq2seq4j.layers.recurrent;

import java.util.Arrays;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.PreparedMatrix;
import org.seq2seq4j.tensor.Tensor;

/**
 * Runs a recurrent cell one timestep at a time for a fixed batch, for decoders and beam search.
 * It holds the states ({@code h}, and {@code c} for LSTM) and allocates nothing per step. It reads
 * the layer's weights live (so it sees training updates), except that the recurrent kernel is
 * read at the first step after construction, {@link #resetStates()} or {@link #setState} (the
 * start of a sequence), when the GEMM backend may copy it for the steps that follow (see
 * {@link PreparedMatrix}); this holds for every cell type. {@link #step} takes a dense input row
 * per batch entry; {@link #stepTokens} takes token ids and treats them as one-hot inputs, reading
 * one kernel row instead of multiplying. Both give exactly the numbers of the sequence call.
 *
 * <pre>{@code
 * RnnStepper dec = lstm.stepper(1);                 // lstm built on (None, None, vocab)
 * dec.setState(0, encoderH, 0);                     // h
 * dec.setState(1, encoderC, 0);                     // c
 * dec.stepTokens(new int[] {startId}, 0);
 * float[] h = dec.output();                         // (1, units), live
 * }</pre>
 */
final class RnnStepper implements RecurrentStepper {
    private final FusedStep cell;
    private final Tensor kernel;
    private final Tensor recurrentKernel;
    private final Tensor bias;
    private final int batch;
    /** The rows stepped: the batch until {@link #compact} drops finished ones. */
    private int rows;
    private final int features;
    private final int gu;
    private final float[] z;
    private final float[] r;
    private final RecurrentProduct product;
    private final float[][] states;
    private final float[] scratch;
    private final int[] oneHot;
    private PreparedMatrix preparedKernel;
    private boolean stale = true;

    /**
     * A stepper over the given weights: kernel {@code (features, G·u)}, recurrent kernel
     * {@code (u, G·u)}, bias {@code (G·u)} (or {@code (2, G·u)} for GRU with reset_after) or null.
     */
    RnnStepper(FusedStep cell, Tensor kernel, Tensor recurrentKernel, Tensor bias, int batch) {
        if (batch <= 0) {
            throw ConfigException.argument("RnnStepper", "batch", "a positive integer", batch);
        }
        this.cell = cell;
        this.kernel = kernel;
        this.recurrentKernel = recurrentKernel;
        this.bias = bias;
        this.batch = batch;
        this.rows = batch;
        this.features = kernel.shape().dim(0);
        this.gu = cell.gates() * cell.units();
        this.z = new float[batch * gu];
        this.r = cell.separateRecurrent() ? new float[batch * gu] : z;
        this.product = new RecurrentProduct(cell, batch, null);
        this.states = new float[cell.stateCount()][batch * cell.units()];
        this.scratch = new float[batch * cell.units()];
        this.oneHot = new int[batch];
    }

    @Override
    public int batch() {
        return rows;
    }

    @Override
    public int outputSize() {
        return cell.units();
    }

    @Override
    public int stateCount() {
        return states.length;
    }

    /** Fused cells read no constants: only an empty call is accepted. */
    @Override
    public void setConstants(Tensor... constants) {
        if (constants.length != 0) {
            throw new ConfigException("stepper", "constants", "none (LSTM, GRU and SimpleRNN cells read no constants)",
                    constants.length + " given");
        }
    }

    /** The input width the kernel expects. */
    @Override
    public int features() {
        return features;
    }

    /** State {@code k} ({@code 0 = h}, {@code 1 = c} for LSTM), live {@code (batch, units)} storage. */
    @Override
    public float[] state(int k) {
        return states[k];
    }

    /** The output of the last step, {@code h}: live {@code (batch, units)} storage. */
    @Override
    public float[] output() {
        return states[0];
    }

    /** Copies {@code batch·units} values from {@code src[off...]} into state {@code k}. */
    @Override
    public void setState(int k, float[] src, int off) {
        System.arraycopy(src, off, states[k], 0, states[k].length);
        stale = true;
    }

    /** Sets every state to zeros and steps the whole batch again: the start of a sequence without initial state. */
    @Override
    public void resetStates() {
        for (float[] s : states) {
            Arrays.fill(s, 0f);
        }
        rows = batch;
        product.rows(batch);
        stale = true;
    }

    /**
     * Reorders the batch rows of every state: row {@code b} becomes old row {@code rows[off + b]}
     * (beam search keeps the states of the surviving hypotheses this way).
     */
    @Override
    public void selectRows(int[] from, int off) {
        reorder(from, off, rows);
    }

    @Override
    public void compact(int[] from, int count) {
        if (count < 0 || count > rows) {
            throw ConfigException.argument("stepper", "count", "in [0, " + rows + "]", count);
        }
        reorder(from, 0, count);
        rows = count;
        product.rows(count);
    }

    /** Row {@code b < count} of every state becomes old row {@code from[off + b]}. */
    private void reorder(int[] from, int off, int count) {
        int u = cell.units();
        for (float[] s : states) {
            for (int b = 0; b < count; b++) {
                System.arraycopy(s, from[off + b] * u, scratch, b * u, u);
            }
            System.arraycopy(scratch, 0, s, 0, count * u);
        }
    }

    /** Advances one timestep with dense inputs {@code x[xOff...]} of shape {@code (batch, features)}. */
    @Override
    public void step(float[] x, int xOff) {
        FusedRunner.projectInputs(rows, features, gu, 0, gu, x, xOff, FusedRunner.oneHotColumns(x, xOff, rows, features, oneHot),
                kernel.data(), bias == null ? null : bias.data(), z);
        recurrentStep();
    }

    /** Adds the recurrent product (into r, after its bias, for cells that keep it apart) and runs the cell. */
    private void recurrentStep() {
        if (r != z) {
            FusedRunner.fillRecurrentBias(rows, gu, bias == null ? null : bias.data(), r);
        }
        product.forward(1, 0, z, r, states[0], recurrentKernel(), null, null);
        StepRows.forward(cell, rows, 1, 0, z, r, states, null);
    }

    /**
     * Advances one timestep with one-hot inputs given as ids {@code ids[off + b]} in
     * {@code [0, features)}: the input projection is kernel row {@code id} plus the bias.
     */
    @Override
    public void stepTokens(int[] ids, int off) {
        float[] w = kernel.data();
        float[] b = bias == null ? null : bias.data();
        for (int r = 0; r < rows; r++) {
            int id = ids[off + r];
            if (id < 0 || id >= features) {
                throw ConfigException.argument("RnnStepper.stepTokens", "ids[" + (off + r) + "]",
                        "a token id in [0, " + features + ")", id);
            }
            int zr = r * gu;
            int wr = id * gu;
            if (b == null) {
                System.arraycopy(w, wr, z, zr, gu);
            } else {
                for (int j = 0; j < gu; j++) {
                    z[zr + j] = b[j] + w[wr + j];
                }
            }
        }
        recurrentStep();
    }

    /** The recurrent kernel as prepared at the start of the sequence (see the class comment). */
    private PreparedMatrix recurrentKernel() {
        if (preparedKernel == null) {
            preparedKernel = FusedRunner.prepareRecurrent(cell, recurrentKernel.data());
        } else if (stale) {
            preparedKernel.refresh();
        }
        stale = false;
        return preparedKernel;
    }
}
