package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.kernels.Activation;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.Parallel;

/**
 * The LSTM step as array kernels (gate order i, f, c, o as in Keras). For batch row {@code b} of
 * timestep {@code t}: {@code zr = (b·steps + t)·4u} indexes the gates, {@code s = b·u} the states
 * and {@code k = (b·steps + t)·2u} the cache, which keeps {@code c_{t-1}} and {@code act(c_t)}.
 * Batches of at least {@link #PARALLEL_MIN_VALUES} gate values split their rows across
 * {@link Gemms#threads()} threads (rows are independent, so the numbers do not change).
 */
final class LstmKernels {
    /** Gate values per step below which the rows run on one thread. */
    static final int PARALLEL_MIN_VALUES = 8192;

    private static final ThreadLocal<StepCall> CALLS = ThreadLocal.withInitial(StepCall::new);

    private LstmKernels() {
    }

    /** Number of row blocks for a step over {@code batch} rows of {@code u} units. */
    private static int parts(int batch, int u) {
        return 4 * batch * u < PARALLEL_MIN_VALUES ? 1 : Math.min(batch, Gemms.threads());
    }

    /**
     * i = rec(z_i), f = rec(z_f), g = act(z_c), o = rec(z_o) (written over z);
     * c = f·c + i·g; h = o·act(c). {@code cache} may be null (inference).
     */
    static void stepForward(int batch, int u, int steps, int t, Activation act, Activation rec,
                            float[] z, float[] h, float[] c, float[] cache) {
        runRows(true, batch, u, steps, t, act, rec, z, h, c, cache);
    }

    private static void forwardRows(int b0, int b1, int u, int steps, int t, Activation act, Activation rec,
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
    static void stepBackward(int batch, int u, int steps, int t, Activation act, Activation rec,
                             float[] z, float[] dh, float[] dc, float[] cache) {
        runRows(false, batch, u, steps, t, act, rec, z, dh, dc, cache);
    }

    /** The forward or backward step over all rows, split across threads when the batch is large. */
    private static void runRows(boolean forward, int batch, int u, int steps, int t, Activation act, Activation rec,
                                float[] z, float[] s0, float[] s1, float[] cache) {
        int parts = parts(batch, u);
        if (parts == 1) {
            rows(forward, 0, batch, u, steps, t, act, rec, z, s0, s1, cache);
        } else {
            CALLS.get().run(forward, parts, batch, u, steps, t, act, rec, z, s0, s1, cache);
        }
    }

    private static void rows(boolean forward, int b0, int b1, int u, int steps, int t, Activation act, Activation rec,
                             float[] z, float[] s0, float[] s1, float[] cache) {
        if (forward) {
            forwardRows(b0, b1, u, steps, t, act, rec, z, s0, s1, cache);
        } else {
            backwardRows(b0, b1, u, steps, t, act, rec, z, s0, s1, cache);
        }
    }

    private static void backwardRows(int b0, int b1, int u, int steps, int t, Activation act, Activation rec,
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

    /** The calling thread's reusable row-split step: its arguments, and part p runs its block of rows. */
    private static final class StepCall extends Parallel.Task {
        private boolean forward;
        private int parts;
        private int batch;
        private int u;
        private int steps;
        private int t;
        private Activation act;
        private Activation rec;
        private float[] z;
        private float[] s0;
        private float[] s1;
        private float[] cache;

        void run(boolean fwd, int parts, int batch, int u, int steps, int t, Activation act, Activation rec,
                 float[] z, float[] s0, float[] s1, float[] cache) {
            this.forward = fwd;
            this.parts = parts;
            this.batch = batch;
            this.u = u;
            this.steps = steps;
            this.t = t;
            this.act = act;
            this.rec = rec;
            this.z = z;
            this.s0 = s0;
            this.s1 = s1;
            this.cache = cache;
            fork(parts);
        }

        @Override
        protected void release() {
            z = null;
            s0 = null;
            s1 = null;
            cache = null;
        }

        @Override
        public void run(int part) {
            rows(forward, batch * part / parts, batch * (part + 1) / parts, u, steps, t, act, rec, z, s0, s1, cache);
        }
    }
}
