package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.GateMath;

/**
 * The LSTM step as array kernels (gate order i, f, c, o as in Keras). For batch row {@code b} of
 * timestep {@code t}: {@code zr = (b·steps + t)·4u} indexes the gates, {@code s = b·u} the states
 * and {@code k = (b·steps + t)·2u} the cache, which keeps {@code c_{t-1}} and {@code act(c_t)}.
 * Both steps run over batch rows {@code [b0, b1)} ({@link StepRows} splits large batches across threads).
 */
final class LstmKernels {
    private LstmKernels() {
    }

    /**
     * i = rec(z_i), f = rec(z_f), g = act(z_c), o = rec(z_o) (written over z);
     * c = f·c + i·g; h = o·act(c). {@code cache} may be null (inference).
     */
    static void stepForward(int b0, int b1, int u, int steps, int t, ActivationFunction act, ActivationFunction rec,
                            float[] z, float[] h, float[] c, float[] cache) {
        final boolean keep = cache != null;
        for (int b = b0; b < b1; b++) {
            final int zr = (b * steps + t) * 4 * u;
            final int s = b * u;
            final int k = (b * steps + t) * 2 * u;
            GateMath.activate(rec, z, zr, 2 * u);
            GateMath.activate(act, z, zr + 2 * u, u);
            GateMath.activate(rec, z, zr + 3 * u, u);
            for (int j = 0; j < u; j++) {
                float cPrev = c[s + j];
                if (keep) {
                    cache[k + j] = cPrev;
                }
                float cNew = z[zr + u + j] * cPrev + z[zr + j] * z[zr + 2 * u + j];
                c[s + j] = cNew;
                h[s + j] = cNew;
            }
            GateMath.activate(act, h, s, u);
            for (int j = 0; j < u; j++) {
                float y = h[s + j];
                if (keep) {
                    cache[k + u + j] = y;
                }
                h[s + j] = z[zr + 3 * u + j] * y;
            }
        }
    }

    /**
     * Reverse of {@link #stepForward}, with y = act(c_t) from the cache:
     * dc += dh·o·act'(y); do = dh·y·rec'(o); di = dc·g·rec'(i); dg = dc·i·act'(g);
     * df = dc·c_{t-1}·rec'(f). Writes dz over the gates, dc becomes dc·f (for step t-1) and
     * dh becomes 0 (its only path back, dz·Uᵀ, is added by the loop).
     */
    static void stepBackward(int b0, int b1, int u, int steps, int t, ActivationFunction act, ActivationFunction rec,
                             float[] z, float[] dh, float[] dc, float[] cache) {
        for (int b = b0; b < b1; b++) {
            final int zr = (b * steps + t) * 4 * u;
            final int s = b * u;
            final int k = (b * steps + t) * 2 * u;
            for (int j = 0; j < u; j++) {
                float i = z[zr + j];
                float f = z[zr + u + j];
                float g = z[zr + 2 * u + j];
                float o = z[zr + 3 * u + j];
                float y = cache[k + u + j];
                float dhj = dh[s + j];
                float dct = dc[s + j] + dhj * o * act.derivativeFromOutput(y);
                z[zr + j] = dct * g * rec.derivativeFromOutput(i);
                z[zr + u + j] = dct * cache[k + j] * rec.derivativeFromOutput(f);
                z[zr + 2 * u + j] = dct * i * act.derivativeFromOutput(g);
                z[zr + 3 * u + j] = dhj * y * rec.derivativeFromOutput(o);
                dc[s + j] = dct * f;
                dh[s + j] = 0f;
            }
        }
    }
}
