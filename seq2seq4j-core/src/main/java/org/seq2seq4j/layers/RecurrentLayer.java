package org.seq2seq4j.layers;

/**
 * What wrappers such as {@link Bidirectional} need from a recurrent layer (LSTM, GRU, SimpleRNN,
 * RNN): the Keras return and direction options and the number of state tensors. The layer is
 * called as {@code call(ctx, x, state_0, ..., state_{n-1})} with an optional mask in the context
 * and returns {@code [output]}, or {@code [output, state_0, ...]} with {@code return_state}; its
 * config round-trips through {@link Layers#serialize} / {@link Layers#deserialize}.
 *
 * <pre>{@code
 * RecurrentLayer r = new LSTM(4).returnSequences(true);
 * // r.returnSequences() -> true; r.stateCount() -> 2 ([h, c])
 * }</pre>
 */
public interface RecurrentLayer {
    /** Keras {@code return_sequences}: the output is {@code (batch, timesteps, units)}, else {@code (batch, units)}. */
    boolean returnSequences();

    /** Keras {@code return_state}: the final states follow the output. */
    boolean returnState();

    /** Keras {@code go_backwards}: the sequence is processed from the last timestep to the first. */
    boolean goBackwards();

    /** Keras {@code stateful}: the last states of a batch are the initial states of the next. */
    boolean stateful();

    /** Keras {@code zero_output_for_mask}: masked timesteps output zeros instead of the previous output. */
    boolean zeroOutputForMask();

    /** Sets {@code zero_output_for_mask}; only before the layer is built. */
    Layer zeroOutputForMask(boolean b);

    /** Number of state tensors, each {@code (batch, units)}: 2 for LSTM ({@code [h, c]}), 1 for GRU and SimpleRNN. */
    int stateCount();
}
