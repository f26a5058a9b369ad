package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.Parallel;

/**
 * Runs a cell's forward or backward step over the batch, split into one row block per thread
 * ({@link Gemms#threads()} threads) when the step touches at least {@link #PARALLEL_MIN_VALUES}
 * gate values (rows are independent, so the numbers do not depend on the split). One reusable call per thread: a step allocates nothing. Every cell
 * type goes through here.
 *
 * <pre>{@code
 * StepRows.forward(cell, batch, steps, t, z, r, states, cache);   // cell.stepForward over [0, batch)
 * }</pre>
 */
final class StepRows extends Parallel.Task {
    /** Gate values per step below which the rows run on one thread. */
    static final int PARALLEL_MIN_VALUES = 8192;

    private static final ThreadLocal<StepRows> CALLS = ThreadLocal.withInitial(StepRows::new);

    private boolean forward;
    private FusedStep cell;
    private int parts;
    private int batch;
    private int steps;
    private int t;
    private float[] z;
    private float[] r;
    private float[][] states;
    private float[] cache;

    private StepRows() {
    }

    /** {@link FusedStep#stepForward} over all {@code batch} rows. */
    static void forward(FusedStep cell, int batch, int steps, int t, float[] z, float[] r, float[][] states, float[] cache) {
        run(true, cell, batch, steps, t, z, r, states, cache);
    }

    /** {@link FusedStep#stepBackward} over all {@code batch} rows. */
    static void backward(FusedStep cell, int batch, int steps, int t, float[] z, float[] r, float[][] dStates, float[] cache) {
        run(false, cell, batch, steps, t, z, r, dStates, cache);
    }

    private static void run(boolean forward, FusedStep cell, int batch, int steps, int t, float[] z, float[] r,
                            float[][] states, float[] cache) {
        int parts = (long) cell.gates() * cell.units() * batch < PARALLEL_MIN_VALUES ? 1
                : Math.min(batch, Gemms.threads());
        if (parts <= 1) {
            rows(forward, cell, 0, batch, steps, t, z, r, states, cache);
            return;
        }
        StepRows call = CALLS.get();
        call.forward = forward;
        call.cell = cell;
        call.parts = parts;
        call.batch = batch;
        call.steps = steps;
        call.t = t;
        call.z = z;
        call.r = r;
        call.states = states;
        call.cache = cache;
        call.fork(parts);
    }

    private static void rows(boolean forward, FusedStep cell, int b0, int b1, int steps, int t, float[] z, float[] r,
                             float[][] states, float[] cache) {
        if (forward) {
            cell.stepForward(b0, b1, steps, t, z, r, states, cache);
        } else {
            cell.stepBackward(b0, b1, steps, t, z, r, states, cache);
        }
    }

    @Override
    protected void release() {
        cell = null;
        z = null;
        r = null;
        states = null;
        cache = null;
    }

    @Override
    public void run(int part) {
        rows(forward, cell, batch * part / parts, batch * (part + 1) / parts, steps, t, z, r, states, cache);
    }
}
