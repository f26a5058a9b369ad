package org.seq2seq4j.seq2seq;

import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;

/**
 * The original library's {@code AttentionDecoderCell(output_dim, hidden_dim)}: a decoder step that
 * reads no input of its own, only the encoded sequence {@code H (batch, T, D)} (constant 0) and
 * its mask {@code (batch, T)} of 1/0 (constant 1), with states {@code [h, c]} (LSTM) or
 * {@code [h]} (GRU). Per row, {@code s} being the state the original concatenates ({@code c} for
 * LSTM, {@code h} for GRU):
 * <pre>
 *   e_j = [H_j ; s]·W_a + b_a       α = softmax_j(e) over unmasked j     x = Σ_j α_j H_j
 *   LSTM: z = x·W + b + h·U + b_rec (i, f, c, o) ...   GRU: Keras's GRU step on x
 *   y = tanh(h'·W_o + b_o)          (softmax with output_activation)
 * </pre>
 * As in the original, the energy is a Dense(1) on the concatenation and nothing else (no tanh):
 * the {@code s·W_a} term is the same for every j and cancels in the softmax, so the weights
 * {@code α} do not depend on the state and are the same at every step. The formula is kept (and
 * {@code s} gets its zero gradient through it) so that the parameters are the original's.
 * Weights: the {@link DecoderLevel}'s ({@code kernel (D, G·h)}, {@code recurrent_kernel},
 * {@code bias}, for LSTM {@code recurrent_bias}: the original's W1 and U each have a bias;
 * {@code output_kernel}, {@code output_bias}), then {@code attention_kernel (D + h, 1)} and
 * {@code attention_bias (1)} (its W3).
 */
abstract class AttentionCell<C extends AttentionCell<C>> extends ReadoutCell<C> {
    private int inputDim;

    AttentionCell(CellType type, int outputDim, int hiddenDim) {
        super(type, outputDim, hiddenDim);
    }

    /** The state the energy reads: {@code c} (1) for LSTM, {@code h} (0) for GRU. */
    int attendedState() {
        return type() == CellType.LSTM ? 1 : 0;
    }

    /** The encoded sequence {@code (batch, T, D)} and its mask {@code (batch, T)}. */
    @Override
    public int constantCount() {
        return 2;
    }

    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory weights) {
        Shape h = constantShapes.get(0);
        if (h.rank() != 3 || h.last() == Shape.UNKNOWN) {
            throw ConfigException.argument(describe(), "constants", "an encoded sequence (batch, timesteps, features)",
                    h);
        }
        inputDim = h.last();
        buildLevel(inputDim, true, weights);
        weights.add("attention_kernel", Shape.of(inputDim + hiddenDim(), 1), Initializers.glorotUniform());
        weights.add("attention_bias", Shape.of(1), Initializers.zeros());
    }

    /** Per row: the weights α {@code (T)}, the context {@code (D)}, then the level's blocks. */
    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        return constantShapes.get(0).dim(1) + inputDim + level.width();
    }

    /** One step's blocks (when no cache is kept), then d context {@code (batch, D)}, d α {@code (T)} and the level's scratch. */
    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return batch * (cacheWidth(constantShapes) + inputDim + level.scratchWidth()) + constantShapes.get(0).dim(1);
    }

    /**
     * {@code α (batch, T)} at {@code out[outOff]}: the softmax over the unmasked steps of
     * {@code [H_j ; s]·W_a + b_a}, zeros where masked (all zeros when every step is masked).
     */
    static void attention(int batch, int steps, int d, int u, float[] hSeq, float[] mask, float[] s, float[] wa,
                          float[] ba, float[] out, int outOff) {
        for (int b = 0; b < batch; b++) {
            float common = ba[0];
            for (int k = 0; k < u; k++) {
                common += s[b * u + k] * wa[d + k];
            }
            int row = outOff + b * steps;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < steps; j++) {
                float e = common;
                int hRow = (b * steps + j) * d;
                for (int f = 0; f < d; f++) {
                    e += hSeq[hRow + f] * wa[f];
                }
                out[row + j] = e;
                if (mask[b * steps + j] != 0f) {
                    max = Math.max(max, e);
                }
            }
            float sum = 0f;
            for (int j = 0; j < steps; j++) {
                float a = mask[b * steps + j] != 0f ? (float) Math.exp(out[row + j] - max) : 0f;
                out[row + j] = a;
                sum += a;
            }
            for (int j = 0; j < steps; j++) {
                out[row + j] = sum > 0f ? out[row + j] / sum : 0f;
            }
        }
    }

    @Override
    protected void forward(StepBuffers s) {
        int bsz = s.batch;
        int steps = s.constantShapes.get(0).dim(1);
        int d = inputDim;
        float[] buf = s.cache != null ? s.cache : s.workspace;
        int base = s.cache != null ? s.cacheOffset : 0;
        int ctx = base + bsz * steps;
        int lvl = ctx + bsz * d;
        float[] hSeq = s.constants[0];
        int aw = level.weightCount();
        attention(bsz, steps, d, hiddenDim(), hSeq, s.constants[1], s.states[attendedState()], s.weights[aw],
                s.weights[aw + 1], buf, base);
        for (int b = 0; b < bsz; b++) {
            int c = ctx + b * d;
            java.util.Arrays.fill(buf, c, c + d, 0f);
            for (int j = 0; j < steps; j++) {
                float a = buf[base + b * steps + j];
                int hRow = (b * steps + j) * d;
                for (int f = 0; f < d; f++) {
                    buf[c + f] += a * hSeq[hRow + f];
                }
            }
        }
        boolean lstm = type() == CellType.LSTM;
        level.forward(Gemms.get(), bsz, buf, ctx, d, s.weights, s.states[0], 0, lstm ? s.states[1] : null, 0, buf, lvl);
        emit(s, buf, lvl);
    }

    @Override
    protected void backward(StepBuffers s) {
        int bsz = s.batch;
        int steps = s.constantShapes.get(0).dim(1);
        int d = inputDim;
        int u = hiddenDim();
        float[] v = s.cache;
        int base = s.cacheOffset;
        int ctx = base + bsz * steps;
        int lvl = ctx + bsz * d;
        float[] ws = s.workspace;
        int dctx = bsz * cacheWidth(s.constantShapes);
        int dAlpha = dctx + bsz * d;
        int scratch = dAlpha + steps;
        java.util.Arrays.fill(ws, dctx, dctx + bsz * d, 0f);
        boolean lstm = type() == CellType.LSTM;
        Gemm g = Gemms.get();
        level.backward(g, bsz, v, ctx, d, s.weights, s.dWeights, s.states[0], 0, lstm ? s.states[1] : null, 0, v, lvl,
                s.dOutput, 0, s.dNewStates[0], 0, lstm ? s.dNewStates[1] : null, 0, ws, dctx, d, s.dStates[0], 0,
                lstm ? s.dStates[1] : null, 0, ws, scratch);
        float[] hSeq = s.constants[0];
        float[] dhSeq = s.dConstants[0];
        int aw = level.weightCount();
        float[] wa = s.weights[aw];
        float[] dwa = s.dWeights[aw];
        float[] attended = s.states[attendedState()];
        float[] dAttended = s.dStates[attendedState()];
        for (int b = 0; b < bsz; b++) {
            int row = base + b * steps;
            int dc = dctx + b * d;
            float dot = 0f;
            for (int j = 0; j < steps; j++) {
                int hRow = (b * steps + j) * d;
                float da = 0f;
                for (int f = 0; f < d; f++) {
                    da += ws[dc + f] * hSeq[hRow + f];
                }
                ws[dAlpha + j] = da;
                dot += v[row + j] * da;
            }
            float total = 0f;
            for (int j = 0; j < steps; j++) {
                float a = v[row + j];
                float de = a * (ws[dAlpha + j] - dot);
                total += de;
                int hRow = (b * steps + j) * d;
                for (int f = 0; f < d; f++) {
                    dhSeq[hRow + f] += a * ws[dc + f] + de * wa[f];
                    dwa[f] += de * hSeq[hRow + f];
                }
            }
            s.dWeights[aw + 1][0] += total;
            for (int k = 0; k < u; k++) {
                dwa[d + k] += total * attended[b * u + k];
                dAttended[b * u + k] += total * wa[d + k];
            }
        }
    }
}
