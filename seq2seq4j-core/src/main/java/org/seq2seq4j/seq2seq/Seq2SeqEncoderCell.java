package org.seq2seq4j.seq2seq;

import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;

/**
 * The step of {@link Seq2SeqEncoder}: recurrentshop's {@code RecurrentSequential(readout=True,
 * state_sync=True)} over {@code depth × [LSTMCell(u), Dropout]} (or GRU cells). One pair of states
 * runs through every cell of the stack within a step, and the step's input is added to the
 * previous step's output (the readout, zeros at first):
 * <pre>
 *   x_0 = x_t + r                 (r: the previous output, a state)
 *   (h, c) = cell_k(x_{k-1}, (h, c)),   x_k = h ⊙ m_k       for k = 1 .. depth
 *   output = r' = x_depth
 * </pre>
 * {@code m_k} are the dropout masks of the step (0 or {@code 1/(1 − rate)}), read from the step's
 * input after {@code x_t} when the layer has dropout: input {@code [x_t (u), m_1 (u), ..., m_depth
 * (u)]}, else {@code [x_t (u)]}. States {@code [h, c, r]} (LSTM) or {@code [h, r]} (GRU), all
 * {@code (batch, u)}. Weights per cell k: {@code lstm_cell[_k]/kernel (u, G·u)},
 * {@code recurrent_kernel (u, G·u)}, {@code bias}.
 */
final class Seq2SeqEncoderCell extends RecurrentCell {
    private final GatedCore core;
    private final int depth;
    private boolean masks;

    Seq2SeqEncoderCell(CellType type, int units, int depth) {
        this.core = GatedCore.of(type, units);
        this.depth = depth;
    }

    void masks(boolean b) {
        checkNotBuilt("dropout");
        masks = b;
    }

    boolean masks() {
        return masks;
    }

    CellType type() {
        return core.type();
    }

    int depth() {
        return depth;
    }

    int units() {
        return core.units;
    }

    /** The width of a step's input: {@code x_t} and, with dropout, one mask per cell. */
    int inputWidth() {
        return core.units * (1 + (masks ? depth : 0));
    }

    @Override
    public int[] stateSizes() {
        int[] s = new int[core.stateCount() + 1];
        Arrays.fill(s, core.units);
        return s;
    }

    @Override
    public int outputSize() {
        return core.units;
    }

    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory weights) {
        if (features != inputWidth()) {
            throw ConfigException.argument(describe(), "input", inputWidth() + " values per step", features);
        }
        String cell = core.type() == CellType.LSTM ? "lstm_cell" : "gru_cell";
        for (int k = 0; k < depth; k++) {
            core.addWeights(weights, cell + (k == 0 ? "" : "_" + k) + "/", core.units, false);
        }
    }

    /** Floats per row of one cell's blocks: the core's cache, h, c (LSTM) and the dropped h (with dropout). */
    private int levelWidth() {
        return core.cacheWidth() + core.units * (core.stateCount() + (masks ? 1 : 0));
    }

    /** Per row: {@code x_0}, then every cell's blocks. */
    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        return core.units + depth * levelWidth();
    }

    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return batch * (cacheWidth(constantShapes) + 5 * core.units + core.scratchWidth());
    }

    private int levelBase(int base, int batch, int k) {
        return base + batch * (core.units + k * levelWidth());
    }

    private int hOff(int base, int batch, int k) {
        return levelBase(base, batch, k) + batch * core.cacheWidth();
    }

    private int cOff(int base, int batch, int k) {
        return hOff(base, batch, k) + batch * core.units;
    }

    /** Cell k's output {@code x_k}: the dropped h with dropout, else h. */
    private int outOff(int base, int batch, int k) {
        return masks ? hOff(base, batch, k) + batch * core.units * core.stateCount() : hOff(base, batch, k);
    }

    @Override
    protected void forward(StepBuffers s) {
        int bsz = s.batch;
        int u = core.units;
        int f = s.inputSize;
        boolean lstm = core.type() == CellType.LSTM;
        float[] buf = s.cache != null ? s.cache : s.workspace;
        int base = s.cache != null ? s.cacheOffset : 0;
        float[] r = s.states[core.stateCount()];
        for (int b = 0; b < bsz; b++) {
            for (int j = 0; j < u; j++) {
                buf[base + b * u + j] = s.input[b * f + j] + r[b * u + j];
            }
        }
        Gemm g = Gemms.get();
        for (int k = 0; k < depth; k++) {
            int in = k == 0 ? base : outOff(base, bsz, k - 1);
            float[] h = k == 0 ? s.states[0] : buf;
            int hp = k == 0 ? 0 : hOff(base, bsz, k - 1);
            float[] c = !lstm ? null : k == 0 ? s.states[1] : buf;
            int cp = k == 0 ? 0 : cOff(base, bsz, k - 1);
            int hn = hOff(base, bsz, k);
            core.forward(g, bsz, u, buf, in, u, s.weights, 3 * k, false, h, hp, c, cp, buf, hn, buf, cOff(base, bsz, k),
                    buf, levelBase(base, bsz, k));
            if (masks) {
                int out = outOff(base, bsz, k);
                for (int b = 0; b < bsz; b++) {
                    for (int j = 0; j < u; j++) {
                        buf[out + b * u + j] = buf[hn + b * u + j] * s.input[b * f + u * (1 + k) + j];
                    }
                }
            }
        }
        int n = bsz * u;
        System.arraycopy(buf, hOff(base, bsz, depth - 1), s.newStates[0], 0, n);
        if (lstm) {
            System.arraycopy(buf, cOff(base, bsz, depth - 1), s.newStates[1], 0, n);
        }
        System.arraycopy(buf, outOff(base, bsz, depth - 1), s.newStates[core.stateCount()], 0, n);
        System.arraycopy(buf, outOff(base, bsz, depth - 1), s.output, 0, n);
    }

    @Override
    protected void backward(StepBuffers s) {
        int bsz = s.batch;
        int u = core.units;
        int n = bsz * u;
        int f = s.inputSize;
        boolean lstm = core.type() == CellType.LSTM;
        float[] v = s.cache;
        int base = s.cacheOffset;
        float[] ws = s.workspace;
        int dh = bsz * cacheWidth(s.constantShapes);
        int dc = dh + n;
        int dhPrev = dc + n;
        int dcPrev = dhPrev + n;
        int dIn = dcPrev + n;
        int scratch = dIn + n;
        int sc = core.stateCount();
        int last = depth - 1;
        for (int b = 0; b < bsz; b++) {
            for (int j = 0; j < u; j++) {
                int i = b * u + j;
                float g = s.dOutput[i] + s.dNewStates[sc][i];
                ws[dh + i] = s.dNewStates[0][i] + (masks ? g * s.input[b * f + u * (1 + last) + j] : g);
            }
        }
        if (lstm) {
            System.arraycopy(s.dNewStates[1], 0, ws, dc, n);
        }
        Gemm g = Gemms.get();
        for (int k = last; k >= 0; k--) {
            int in = k == 0 ? base : outOff(base, bsz, k - 1);
            float[] h = k == 0 ? s.states[0] : v;
            int hp = k == 0 ? 0 : hOff(base, bsz, k - 1);
            float[] c = !lstm ? null : k == 0 ? s.states[1] : v;
            int cp = k == 0 ? 0 : cOff(base, bsz, k - 1);
            float[] dhTo = k == 0 ? s.dStates[0] : ws;
            float[] dcTo = !lstm ? null : k == 0 ? s.dStates[1] : ws;
            int dhToOff = k == 0 ? 0 : dhPrev;
            int dcToOff = k == 0 ? 0 : dcPrev;
            if (k > 0) {
                Arrays.fill(ws, dhPrev, dIn + n, 0f);
            } else {
                Arrays.fill(ws, dIn, dIn + n, 0f);
            }
            core.backward(g, bsz, u, v, in, u, s.weights, s.dWeights, 3 * k, false, h, hp, c, cp, v,
                    levelBase(base, bsz, k), ws, dh, lstm ? ws : null, dc, ws, dIn, u, dhTo, dhToOff, dcTo, dcToOff,
                    ws, scratch);
            if (k > 0) {
                for (int b = 0; b < bsz; b++) {
                    for (int j = 0; j < u; j++) {
                        int i = b * u + j;
                        float gi = ws[dIn + i];
                        ws[dh + i] = ws[dhPrev + i] + (masks ? gi * s.input[b * f + u * k + j] : gi);
                    }
                }
                System.arraycopy(ws, dcPrev, ws, dc, n);
            }
        }
        float[] dr = s.dStates[sc];
        for (int b = 0; b < bsz; b++) {
            for (int j = 0; j < u; j++) {
                float gi = ws[dIn + b * u + j];
                s.dInput[b * f + j] = gi;
                dr[b * u + j] = gi;
            }
        }
    }
}
