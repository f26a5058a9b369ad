package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.GateMath;

/**
 * The GRU step as array kernels (gate order z, r, h as in Keras), over batch rows {@code [b0, b1)}
 * (the reset gate over the whole batch). For batch row {@code b} of
 * timestep {@code t}: {@code zr = (b·steps + t)·3u} indexes the gate buffers, {@code s = b·u}
 * the state and {@code k = (b·steps + t)·u} the cache, which keeps {@code h_{t-1}}.
 * With reset_after the input part {@code x·W + b_x} is in {@code z} and the recurrent part
 * {@code h·U + b_h} in {@code r}; without it everything is in {@code z}, whose candidate columns
 * already hold {@code x·W_h + b_h + (r ⊙ h)·U_h} and whose reset columns hold the activated gate.
 */
final class GruKernels {
    private GruKernels() {
    }

    /**
     * Reset after: zg = rec(z_z + r_z), rg = rec(z_r + r_r), hh = act(z_h + rg·r_h);
     * h = zg·h + (1 - zg)·hh. zg, rg, hh are written over z; r keeps r_h.
     */
    static void stepForwardResetAfter(int b0, int b1, int u, int steps, int t, ActivationFunction act, ActivationFunction rec,
                                      float[] z, float[] r, float[] h, float[] cache) {
        for (int b = b0; b < b1; b++) {
            final int zr = (b * steps + t) * 3 * u;
            for (int j = 0; j < 2 * u; j++) {
                z[zr + j] += r[zr + j];
            }
            GateMath.activate(rec, z, zr, 2 * u);
            for (int j = 0; j < u; j++) {
                z[zr + 2 * u + j] += z[zr + u + j] * r[zr + 2 * u + j];
            }
            GateMath.activate(act, z, zr + 2 * u, u);
            mix(u, z, zr, h, b * u, cache, (b * steps + t) * u);
        }
    }

    /** Reset before: the reset gate rg = rec(z_r), written over z and into {@code gate (batch, u)}. */
    static void resetGate(int batch, int u, int steps, int t, ActivationFunction rec, float[] z, float[] gate) {
        for (int b = 0; b < batch; b++) {
            final int zr = (b * steps + t) * 3 * u + u;
            GateMath.activate(rec, z, zr, u);
            System.arraycopy(z, zr, gate, b * u, u);
        }
    }

    /** Reset before, after {@link #resetGate} and the gated product: zg = rec(z_z), hh = act(z_h); h = zg·h + (1 - zg)·hh. */
    static void stepForwardResetBefore(int b0, int b1, int u, int steps, int t, ActivationFunction act, ActivationFunction rec,
                                       float[] z, float[] h, float[] cache) {
        for (int b = b0; b < b1; b++) {
            final int zr = (b * steps + t) * 3 * u;
            GateMath.activate(rec, z, zr, u);
            GateMath.activate(act, z, zr + 2 * u, u);
            mix(u, z, zr, h, b * u, cache, (b * steps + t) * u);
        }
    }

    /** h = zg·h + (1 - zg)·hh for one batch row, keeping h_{t-1} in the cache when there is one. */
    private static void mix(int u, float[] z, int zr, float[] h, int s, float[] cache, int k) {
        for (int j = 0; j < u; j++) {
            float zg = z[zr + j];
            float prev = h[s + j];
            if (cache != null) {
                cache[k + j] = prev;
            }
            h[s + j] = zg * prev + (1f - zg) * z[zr + 2 * u + j];
        }
    }

    /**
     * Reverse of both forward steps, with h_{t-1} from the cache: dzg = dh·(h_{t-1} - hh)·rec'(zg);
     * da = dh·(1 - zg)·act'(hh), written over the z and h columns of z; dh becomes dh·zg. With reset
     * after ({@code r} not null) also drg = da·r_h·rec'(rg) over z's reset columns, and r becomes
     * [dzg, drg, da·rg]; without ({@code r} null) the reset columns keep rg for {@link #resetGateBackward}.
     */
    static void stepBackward(int b0, int b1, int u, int steps, int t, ActivationFunction act, ActivationFunction rec,
                             float[] z, float[] r, float[] dh, float[] cache) {
        for (int b = b0; b < b1; b++) {
            final int zr = (b * steps + t) * 3 * u;
            final int s = b * u;
            final int k = (b * steps + t) * u;
            for (int j = 0; j < u; j++) {
                float zg = z[zr + j];
                float hh = z[zr + 2 * u + j];
                float d = dh[s + j];
                float dzg = d * (cache[k + j] - hh) * rec.derivativeFromOutput(zg);
                float da = d * (1f - zg) * act.derivativeFromOutput(hh);
                z[zr + j] = dzg;
                z[zr + 2 * u + j] = da;
                dh[s + j] = d * zg;
                if (r != null) {
                    float rg = z[zr + u + j];
                    float drg = da * r[zr + 2 * u + j] * rec.derivativeFromOutput(rg);
                    z[zr + u + j] = drg;
                    r[zr + j] = dzg;
                    r[zr + u + j] = drg;
                    r[zr + 2 * u + j] = da * rg;
                }
            }
        }
    }

    /** Reverse of {@link #resetGate}: the reset columns of z become dGate·rec'(rg). */
    static void resetGateBackward(int batch, int u, int steps, int t, ActivationFunction rec, float[] z, float[] dGate) {
        for (int b = 0; b < batch; b++) {
            final int zr = (b * steps + t) * 3 * u + u;
            for (int j = 0; j < u; j++) {
                z[zr + j] = dGate[b * u + j] * rec.derivativeFromOutput(z[zr + j]);
            }
        }
    }
}
