package org.seq2seq4j.seq2seq;

import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;

/**
 * The step of {@link Seq2SeqDecoder}: recurrentshop's {@code RecurrentSequential(readout='add' if
 * peek else 'readout_only', state_sync=True, decode=True)} over {@code depth × [Dropout,
 * LSTMDecoderCell(outputDim, u)]} (or GRU cells). The context {@code C (batch, outputDim)} is the
 * constant; one pair of states runs through every cell within a step, and each cell's readout is
 * the next one's input:
 * <pre>
 *   r_in = forced ? t_{t-1} : r        (r: the previous output, a state; C at the first step)
 *   x_0 = peek ? C + r_in : r_in
 *   (h, c) = core_k(x_{k-1} ⊙ m_k, (h, c)),   x_k = act_k(h·W_o,k + b_o,k)     for k = 1 .. depth
 *   output = r' = x_depth
 * </pre>
 * {@code act_k} is tanh, the last one the decoder's output activation. The step's input carries
 * what changes per step and row, built by the layer: with teacher forcing a flag and the forced
 * value {@code [f, t_{t-1} (outputDim)]} (f = 1: use it instead of r), then with dropout the masks
 * {@code m_1 ... m_depth} ({@code outputDim} each, 0 or {@code 1/(1 − rate)}); it gets no gradient
 * but the forced values'. States {@code [h, c, r]} (LSTM) or {@code [h, r]} (GRU), {@code h, c}
 * of {@code u}, {@code r} of {@code outputDim}. Weights per cell k:
 * {@code lstm_decoder_cell[_k]/kernel (outputDim, G·u)}, {@code recurrent_kernel (u, G·u)},
 * {@code bias}, {@code output_kernel (u, outputDim)}, {@code output_bias (outputDim)}.
 */
final class Seq2SeqDecoderCell extends RecurrentCell {
    private final CellType type;
    private final int units;
    private final int outputDim;
    private final int depth;
    private boolean peek;
    private boolean forcing;
    private boolean masks;
    private ActivationFunction outputActivation = ActivationFunction.TANH;
    private DecoderLevel[] levels;

    Seq2SeqDecoderCell(CellType type, int outputDim, int units, int depth) {
        this.type = type;
        this.units = units;
        this.outputDim = outputDim;
        this.depth = depth;
    }

    void options(boolean peekOption, boolean teacherForce, boolean dropout, ActivationFunction activation) {
        checkNotBuilt("options");
        peek = peekOption;
        forcing = teacherForce;
        masks = dropout;
        outputActivation = activation;
    }

    boolean peek() {
        return peek;
    }

    boolean forcing() {
        return forcing;
    }

    boolean masks() {
        return masks;
    }

    ActivationFunction outputActivation() {
        return outputActivation;
    }

    CellType type() {
        return type;
    }

    int depth() {
        return depth;
    }

    int units() {
        return units;
    }

    int outputDim() {
        return outputDim;
    }

    /** Where the dropout masks start in a step's input. */
    int maskColumn() {
        return forcing ? 1 + outputDim : 0;
    }

    /** The width of a step's input: the forcing flag and value, then the masks. */
    int inputWidth() {
        return maskColumn() + (masks ? depth * outputDim : 0);
    }

    private int coreStates() {
        return type == CellType.LSTM ? 2 : 1;
    }

    @Override
    public int[] stateSizes() {
        return type == CellType.LSTM ? new int[] {units, units, outputDim} : new int[] {units, outputDim};
    }

    @Override
    public int outputSize() {
        return outputDim;
    }

    /** The context C. */
    @Override
    public int constantCount() {
        return 1;
    }

    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory weights) {
        if (features != inputWidth()) {
            throw ConfigException.argument(describe(), "input", inputWidth() + " values per step", features);
        }
        String cell = type == CellType.LSTM ? "lstm_decoder_cell" : "gru_decoder_cell";
        levels = new DecoderLevel[depth];
        for (int k = 0; k < depth; k++) {
            ActivationFunction act = k == depth - 1 ? outputActivation : ActivationFunction.TANH;
            GatedCore core = GatedCore.of(type, units);
            levels[k] = new DecoderLevel(core, outputDim, outputDim, act, false, k * (core.weightCount(false) + 2));
            levels[k].addWeights(weights, cell + (k == 0 ? "" : "_" + k) + "/");
        }
    }

    /** Floats per row of one cell: its dropped input (with dropout) and the level's blocks. */
    private int levelWidth() {
        return (masks ? outputDim : 0) + levels[0].width();
    }

    /** Per row: {@code x_0}, then every cell's blocks. */
    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        return outputDim + depth * levelWidth();
    }

    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return batch * (cacheWidth(constantShapes) + 2 * outputDim + 4 * units + levels[0].scratchWidth());
    }

    /** Where cell k's dropped input starts (with dropout), and its level blocks after it. */
    private int inOff(int base, int batch, int k) {
        return base + batch * (outputDim + k * levelWidth());
    }

    private int levelBase(int base, int batch, int k) {
        return inOff(base, batch, k) + (masks ? batch * outputDim : 0);
    }

    /** Cell k's input: its dropped input with dropout, else the previous cell's output (x_0 for the first). */
    private int inputOf(int base, int batch, int k) {
        if (masks) {
            return inOff(base, batch, k);
        }
        return k == 0 ? base : levels[k - 1].yOff(levelBase(base, batch, k - 1), batch);
    }

    @Override
    protected void forward(StepBuffers s) {
        int bsz = s.batch;
        int o = outputDim;
        int f = s.inputSize;
        float[] buf = s.cache != null ? s.cache : s.workspace;
        int base = s.cache != null ? s.cacheOffset : 0;
        float[] r = s.states[coreStates()];
        float[] ctx = s.constants[0];
        for (int b = 0; b < bsz; b++) {
            boolean forced = forcing && s.input[b * f] != 0f;
            for (int j = 0; j < o; j++) {
                float in = forced ? s.input[b * f + 1 + j] : r[b * o + j];
                buf[base + b * o + j] = peek ? ctx[b * o + j] + in : in;
            }
        }
        Gemm g = Gemms.get();
        boolean lstm = type == CellType.LSTM;
        for (int k = 0; k < depth; k++) {
            int prev = k == 0 ? base : levels[k - 1].yOff(levelBase(base, bsz, k - 1), bsz);
            if (masks) {
                int in = inOff(base, bsz, k);
                int m = maskColumn() + k * o;
                for (int b = 0; b < bsz; b++) {
                    for (int j = 0; j < o; j++) {
                        buf[in + b * o + j] = buf[prev + b * o + j] * s.input[b * f + m + j];
                    }
                }
            }
            float[] h = k == 0 ? s.states[0] : buf;
            float[] c = !lstm ? null : k == 0 ? s.states[1] : buf;
            int pb = k == 0 ? 0 : levelBase(base, bsz, k - 1);
            levels[k].forward(g, bsz, buf, inputOf(base, bsz, k), o, s.weights, h,
                    k == 0 ? 0 : levels[k - 1].hOff(pb, bsz), c, k == 0 ? 0 : levels[k - 1].cOff(pb, bsz), buf,
                    levelBase(base, bsz, k));
        }
        DecoderLevel top = levels[depth - 1];
        int lb = levelBase(base, bsz, depth - 1);
        System.arraycopy(buf, top.hOff(lb, bsz), s.newStates[0], 0, bsz * units);
        if (lstm) {
            System.arraycopy(buf, top.cOff(lb, bsz), s.newStates[1], 0, bsz * units);
        }
        System.arraycopy(buf, top.yOff(lb, bsz), s.newStates[coreStates()], 0, bsz * o);
        System.arraycopy(buf, top.yOff(lb, bsz), s.output, 0, bsz * o);
    }

    @Override
    protected void backward(StepBuffers s) {
        int bsz = s.batch;
        int o = outputDim;
        int f = s.inputSize;
        int n = bsz * units;
        boolean lstm = type == CellType.LSTM;
        float[] v = s.cache;
        int base = s.cacheOffset;
        float[] ws = s.workspace;
        int dy = bsz * cacheWidth(s.constantShapes);
        int dIn = dy + bsz * o;
        int dh = dIn + bsz * o;
        int dc = dh + n;
        int dhPrev = dc + n;
        int dcPrev = dhPrev + n;
        int scratch = dcPrev + n;
        int sc = coreStates();
        for (int i = 0; i < bsz * o; i++) {
            ws[dy + i] = s.dOutput[i] + s.dNewStates[sc][i];
        }
        System.arraycopy(s.dNewStates[0], 0, ws, dh, n);
        if (lstm) {
            System.arraycopy(s.dNewStates[1], 0, ws, dc, n);
        }
        Gemm g = Gemms.get();
        for (int k = depth - 1; k >= 0; k--) {
            float[] h = k == 0 ? s.states[0] : v;
            float[] c = !lstm ? null : k == 0 ? s.states[1] : v;
            int pb = k == 0 ? 0 : levelBase(base, bsz, k - 1);
            int hp = k == 0 ? 0 : levels[k - 1].hOff(pb, bsz);
            int cp = k == 0 ? 0 : levels[k - 1].cOff(pb, bsz);
            Arrays.fill(ws, dIn, dIn + bsz * o, 0f);
            if (k > 0) {
                Arrays.fill(ws, dhPrev, dhPrev + 2 * n, 0f);
            }
            levels[k].backward(g, bsz, v, inputOf(base, bsz, k), o, s.weights, s.dWeights, h, hp, c, cp, v,
                    levelBase(base, bsz, k), ws, dy, ws, dh, lstm ? ws : null, dc, ws, dIn, o,
                    k == 0 ? s.dStates[0] : ws, k == 0 ? 0 : dhPrev, !lstm ? null : k == 0 ? s.dStates[1] : ws,
                    k == 0 ? 0 : dcPrev, ws, scratch);
            if (masks) {
                int m = maskColumn() + k * o;
                for (int b = 0; b < bsz; b++) {
                    for (int j = 0; j < o; j++) {
                        ws[dIn + b * o + j] *= s.input[b * f + m + j];
                    }
                }
            }
            if (k > 0) {
                System.arraycopy(ws, dIn, ws, dy, bsz * o);
                System.arraycopy(ws, dhPrev, ws, dh, 2 * n);
            }
        }
        float[] dr = s.dStates[sc];
        float[] dctx = s.dConstants[0];
        for (int b = 0; b < bsz; b++) {
            boolean forced = forcing && s.input[b * f] != 0f;
            for (int j = 0; j < o; j++) {
                float gi = ws[dIn + b * o + j];
                if (peek) {
                    dctx[b * o + j] += gi;
                }
                if (forced) {
                    s.dInput[b * f + 1 + j] = gi;
                } else {
                    dr[b * o + j] = gi;
                }
            }
        }
    }
}
