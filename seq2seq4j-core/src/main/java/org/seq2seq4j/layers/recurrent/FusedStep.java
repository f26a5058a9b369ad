package org.seq2seq4j.layers.recurrent;

/**
 * The step math of one recurrent cell type (LSTM, GRU, SimpleRNN); {@link RnnLoop} and
 * {@link RnnStepper} own everything else (the time loop, masks, {@code go_backwards}, initial
 * states, dropout, the input and recurrent products and the weight gradients).
 *
 * <p>Layouts. The input buffer {@code z} holds, for timestep {@code t} of {@code steps} and batch
 * row {@code b}, {@code gates() * units()} values at offset {@code (b * steps + t) * gates() * units()}.
 * The recurrent product {@code h·U} (plus the recurrent bias) is added into {@code z}, unless
 * {@link #separateRecurrent()} asks for its own buffer {@code r} of the same layout (then
 * {@code z = x·W + b_x} and {@code r = h·U + b_h}; otherwise {@code r} is {@code z} itself).
 * When {@link #gatedColumns()} is positive, the last columns of the product take
 * {@code gate ⊙ h} instead of {@code h}, the gate coming from {@link #recurrentGate} once the
 * other columns are in. The forward step may overwrite {@code z} and {@code r} with whatever its
 * backward needs; the backward step overwrites them with the gradients of the loss with respect
 * to their values on entry ({@code dz}, {@code dr}), which the loop multiplies into the weight,
 * input and previous-{@code h} gradients. States are {@code (batch, units)} arrays, state 0 being
 * {@code h}, the cell's output. {@code cache} holds {@link #cacheWidth()} floats per (batch row,
 * timestep) at {@code (b * steps + t) * cacheWidth()}, or is {@code null} when no backward follows.
 *
 * <pre>{@code
 * FusedStep cell = new LstmStep(4, Activation.TANH, Activation.SIGMOID);
 * // cell.gates() -> 4; cell.stateCount() -> 2 (h, c)
 * }</pre>
 */
public interface FusedStep {
    /** Number of units {@code u}; every state is {@code (batch, u)}. */
    int units();

    /** Number of gates {@code G}: the kernel is {@code (features, G·u)}, the recurrent kernel {@code (u, G·u)}. */
    int gates();

    /** Number of states; state 0 is {@code h}, which is also the output. */
    int stateCount();

    /** Floats kept per (batch row, timestep) for the backward step, besides {@code z} and {@code r}. */
    int cacheWidth();

    /** True when {@code h·U + b_h} is kept apart from {@code x·W + b_x} (GRU with reset_after; bias {@code (2, G·u)}). */
    default boolean separateRecurrent() {
        return false;
    }

    /** Trailing columns of the recurrent product that multiply {@code gate ⊙ h} (GRU without reset_after: u); default 0. */
    default int gatedColumns() {
        return 0;
    }

    /**
     * Writes the gate {@code (batch, u)} of timestep {@code t} into {@code gate}, once every
     * recurrent column but the gated ones is in {@code z}. Called only when {@link #gatedColumns()} > 0.
     */
    default void recurrentGate(int batch, int steps, int t, float[] z, float[] gate) {
        throw new UnsupportedOperationException("this cell has no gated recurrent columns");
    }

    /**
     * Reverse of {@link #recurrentGate}: turns {@code dGate (batch, u)} into the gradient of the
     * gate's pre-activation in {@code z}; called after {@link #stepBackward} of the same step.
     */
    default void recurrentGateBackward(int batch, int steps, int t, float[] z, float[] dGate) {
        throw new UnsupportedOperationException("this cell has no gated recurrent columns");
    }

    /**
     * One step for batch rows {@code [b0, b1)}: reads the values of timestep {@code t} from {@code z}
     * and {@code r}, updates those rows of every state in place and, when {@code cache} is not null,
     * keeps what {@link #stepBackward} needs. Touches only those rows, so the loop may run row
     * blocks on different threads. Must not allocate.
     */
    void stepForward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] states, float[] cache);

    /**
     * Reverse of {@link #stepForward} for timestep {@code t}. On entry {@code dStates} hold the
     * gradients with respect to the states after the step; on exit they hold the gradients with
     * respect to the states before it, except the paths through the recurrent product, which the
     * loop adds. Writes {@code dz} and {@code dr} over the timestep's rows. Batch rows
     * {@code [b0, b1)} only, as {@link #stepForward}. Must not allocate.
     */
    void stepBackward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] dStates, float[] cache);
}
