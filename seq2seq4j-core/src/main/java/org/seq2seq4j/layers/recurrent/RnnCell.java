package org.seq2seq4j.layers.recurrent;

/**
 * The step math of one recurrent cell type (LSTM, GRU, SimpleRNN); {@link RnnLoop} and
 * {@link RnnStepper} own everything else (the time loop, masks, {@code go_backwards}, initial
 * states, the input and recurrent products and the weight gradients).
 *
 * <p>Layouts. The gate buffer {@code z} holds, for timestep {@code t} of {@code steps} and batch
 * row {@code b}, the {@code gates() * units()} pre-activations at offset
 * {@code (b * steps + t) * gates() * units()}: on entry to {@link #stepForward} they are
 * {@code x·W + b + h·U}. The forward step may overwrite them with whatever its backward needs
 * (LSTM keeps the activated gates there); the backward step overwrites them with the gradient
 * of the loss with respect to the pre-activations ({@code dz}), which the loop then multiplies
 * into the weight, input and previous-{@code h} gradients. States are {@code (batch, units)}
 * arrays, state 0 being {@code h}, the cell's output. {@code cache} holds
 * {@link #cacheWidth()} floats per (batch row, timestep) at {@code (b * steps + t) * cacheWidth()},
 * or is {@code null} when no backward will follow.
 *
 * <pre>{@code
 * RnnCell cell = new LstmCell(4, Activation.TANH, Activation.SIGMOID);
 * // cell.gates() -> 4; cell.stateCount() -> 2 (h, c)
 * }</pre>
 */
public interface RnnCell {
    /** Number of units {@code u}; every state is {@code (batch, u)}. */
    int units();

    /** Number of gates {@code G}: the kernel is {@code (features, G·u)}, the recurrent kernel {@code (u, G·u)}. */
    int gates();

    /** Number of states; state 0 is {@code h}, which is also the output. */
    int stateCount();

    /** Floats kept per (batch row, timestep) for the backward step, besides {@code z}. */
    int cacheWidth();

    /**
     * One step for the whole batch: reads the pre-activations of timestep {@code t} from
     * {@code z}, updates every state in place and, when {@code cache} is not null, keeps what
     * {@link #stepBackward} needs. Must not allocate.
     */
    void stepForward(int batch, int steps, int t, float[] z, float[][] states, float[] cache);

    /**
     * Reverse of {@link #stepForward} for timestep {@code t}. On entry {@code dStates} hold the
     * gradients with respect to the states after the step; on exit they hold the gradients with
     * respect to the states before it, except the path through {@code h·U}, which the loop adds.
     * Writes {@code dz} over the timestep's rows of {@code z}. Must not allocate.
     */
    void stepBackward(int batch, int steps, int t, float[] z, float[][] dStates, float[] cache);
}
