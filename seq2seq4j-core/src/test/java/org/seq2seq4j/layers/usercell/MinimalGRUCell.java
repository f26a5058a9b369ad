package org.seq2seq4j.layers.usercell;

import java.util.List;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;

/**
 * A cell as a user writes one, outside the library's packages, in plain loops: Keras's GRU step
 * (gates z, r, h; tanh and sigmoid) in both reset_after modes, with its own weights
 * {@code kernel (features, 3u)}, {@code recurrent_kernel (u, 3u)} and {@code bias}
 * ({@code (2, 3u)} with reset_after: row 0 for the input part, row 1 for the recurrent part;
 * {@code (3u)} without). Per row:
 * <pre>
 *   xw = x·W + b_x                          hu = h·U + b_h   (reset_after; else h·U for z, r only)
 *   z = σ(xw_z + hu_z)    r = σ(xw_r + hu_r)
 *   rec = hu_h (reset_after)  or  (r ⊙ h)·U_h
 *   hh = tanh(xw_h + r ⊙ rec) (reset_after)  or  tanh(xw_h + rec)
 *   h' = z ⊙ h + (1 − z) ⊙ hh
 * </pre>
 * The forward step caches z, r, hh and rec per row; the backward step reverses each line.
 */
public final class MinimalGRUCell extends RecurrentCell {
    private final int units;
    private final boolean resetAfter;
    private final boolean useBias;

    public MinimalGRUCell(int units, boolean resetAfter, boolean useBias) {
        this.units = units;
        this.resetAfter = resetAfter;
        this.useBias = useBias;
    }

    @Override
    public int[] stateSizes() {
        return new int[] {units};
    }

    @Override
    public int outputSize() {
        return units;
    }

    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory weights) {
        weights.add("kernel", Shape.of(features, 3 * units), Initializers.glorotUniform());
        weights.add("recurrent_kernel", Shape.of(units, 3 * units), Initializers.orthogonal(1.0));
        if (useBias) {
            weights.add("bias", resetAfter ? Shape.of(2, 3 * units) : Shape.of(3 * units), Initializers.zeros());
        }
    }

    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        return 4 * units;
    }

    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return 7 * units;     // xw or dxw (3u), hu or dhu (3u), d(r ⊙ h) (u)
    }

    @Override
    protected void forward(StepBuffers s) {
        int u = units;
        int g = 3 * u;
        float[] w = s.weights[0];
        float[] rk = s.weights[1];
        float[] bias = useBias ? s.weights[2] : null;
        float[] xw = s.workspace;
        int hu = g;
        float[] h = s.states[0];
        for (int b = 0; b < s.batch; b++) {
            int row = b * u;
            for (int j = 0; j < g; j++) {
                float a = bias == null ? 0f : bias[j];
                for (int i = 0; i < s.inputSize; i++) {
                    a += s.input[b * s.inputSize + i] * w[i * g + j];
                }
                xw[j] = a;
                float c = bias != null && resetAfter ? bias[g + j] : 0f;
                if (resetAfter || j < 2 * u) {
                    for (int i = 0; i < u; i++) {
                        c += h[row + i] * rk[i * g + j];
                    }
                }
                xw[hu + j] = c;
            }
            int k = s.cacheOffset + b * 4 * u;
            for (int j = 0; j < u; j++) {
                float z = sigmoid(xw[j] + xw[hu + j]);
                float r = sigmoid(xw[u + j] + xw[hu + u + j]);
                xw[j] = z;
                xw[u + j] = r;
            }
            for (int j = 0; j < u; j++) {
                float z = xw[j];
                float r = xw[u + j];
                float rec;
                if (resetAfter) {
                    rec = xw[hu + 2 * u + j];
                } else {
                    rec = 0f;
                    for (int i = 0; i < u; i++) {
                        rec += xw[u + i] * h[row + i] * rk[i * g + 2 * u + j];
                    }
                }
                float hh = (float) Math.tanh(xw[2 * u + j] + (resetAfter ? r * rec : rec));
                float next = z * h[row + j] + (1 - z) * hh;
                s.newStates[0][row + j] = next;
                s.output[row + j] = next;
                if (s.cache != null) {
                    s.cache[k + j] = z;
                    s.cache[k + u + j] = r;
                    s.cache[k + 2 * u + j] = hh;
                    s.cache[k + 3 * u + j] = rec;
                }
            }
        }
    }

    @Override
    protected void backward(StepBuffers s) {
        int u = units;
        int g = 3 * u;
        float[] w = s.weights[0];
        float[] rk = s.weights[1];
        float[] dw = s.dWeights[0];
        float[] drk = s.dWeights[1];
        float[] db = useBias ? s.dWeights[2] : null;
        float[] dxw = s.workspace;
        int dhu = g;
        int drh = 2 * g;
        float[] h = s.states[0];
        for (int b = 0; b < s.batch; b++) {
            int row = b * u;
            int k = s.cacheOffset + b * 4 * u;
            for (int j = 0; j < u; j++) {
                float z = s.cache[k + j];
                float hh = s.cache[k + 2 * u + j];
                float gh = s.dNewStates[0][row + j] + s.dOutput[row + j];
                s.dStates[0][row + j] = gh * z;                              // h' = z ⊙ h + ...
                float dz = gh * (h[row + j] - hh);
                float dah = gh * (1 - z) * (1 - hh * hh);                    // through tanh
                dxw[j] = dz * z * (1 - z);                                   // through σ: z's pre-activation
                dxw[2 * u + j] = dah;
            }
            for (int j = 0; j < u; j++) {
                float r = s.cache[k + u + j];
                float dr;
                if (resetAfter) {
                    dr = dxw[2 * u + j] * s.cache[k + 3 * u + j];            // r ⊙ rec
                    dxw[dhu + 2 * u + j] = dxw[2 * u + j] * r;
                } else {
                    float drhj = 0f;                                         // rec = (r ⊙ h)·U_h
                    for (int i = 0; i < u; i++) {
                        drhj += dxw[2 * u + i] * rk[j * g + 2 * u + i];
                    }
                    dxw[drh + j] = drhj;
                    dr = drhj * h[row + j];
                    s.dStates[0][row + j] += drhj * r;
                }
                dxw[u + j] = dr * r * (1 - r);
            }
            if (!resetAfter) {
                for (int i = 0; i < u; i++) {
                    float rh = s.cache[k + u + i] * h[row + i];
                    for (int j = 0; j < u; j++) {
                        drk[i * g + 2 * u + j] += rh * dxw[2 * u + j];
                    }
                }
            }
            for (int j = 0; j < 2 * u; j++) {
                dxw[dhu + j] = dxw[j];                                       // z and r: x and h parts alike
            }
            int recCols = resetAfter ? g : 2 * u;
            for (int i = 0; i < s.inputSize; i++) {
                float xi = s.input[b * s.inputSize + i];
                float dx = 0f;
                for (int j = 0; j < g; j++) {
                    dw[i * g + j] += xi * dxw[j];
                    dx += dxw[j] * w[i * g + j];
                }
                s.dInput[b * s.inputSize + i] = dx;
            }
            for (int i = 0; i < u; i++) {
                float hi = h[row + i];
                float dh = 0f;
                for (int j = 0; j < recCols; j++) {
                    drk[i * g + j] += hi * dxw[dhu + j];
                    dh += dxw[dhu + j] * rk[i * g + j];
                }
                s.dStates[0][row + i] += dh;
            }
            if (db != null) {
                for (int j = 0; j < g; j++) {
                    db[j] += dxw[j];
                    if (resetAfter) {
                        db[g + j] += dxw[dhu + j];
                    }
                }
            }
        }
    }

    private static float sigmoid(float x) {
        return 1f / (1f + (float) Math.exp(-x));
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("units", units).put("reset_after", resetAfter).put("use_bias", useBias);
    }
}
