package org.seq2seq4j.layers;

import org.seq2seq4j.layers.recurrent.SimpleRNNCell;
import org.seq2seq4j.layers.recurrent.SingleCellRNN;

/**
 * Fully connected recurrent layer with Keras 3 semantics, {@code h = tanh(x·W + b + h·U)}, run as
 * one fused op. Input {@code (batch, timesteps, features)}; output {@code (batch, units)}, or
 * {@code (batch, timesteps, units)} with {@link #returnSequences}; with {@link #returnState}
 * {@code [output, h]}. Weights {@code simple_rnn_cell/kernel (features, u)},
 * {@code simple_rnn_cell/recurrent_kernel (u, u)}, {@code simple_rnn_cell/bias (u)}. Other
 * arguments as {@link org.seq2seq4j.layers.recurrent.RecurrentLayer}.
 *
 * <pre>{@code
 * SimpleRNN rnn = new SimpleRNN(4).returnSequences(true);
 * Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // (2, 5, 4); rnn.countParams() -> 32
 * }</pre>
 */
public final class SimpleRNN extends SingleCellRNN<SimpleRNN, SimpleRNNCell> {

    /** A SimpleRNN with {@code units} units (positive). */
    public SimpleRNN(int units) {
        super(new SimpleRNNCell(units));
    }

    /** A SimpleRNN from a Keras 3 or Keras 2 config. */
    public static SimpleRNN fromConfig(LayerConfig c) {
        return fromFlatConfig(new SimpleRNN(c.requireInt("SimpleRNN", "units")), c);
    }
}
