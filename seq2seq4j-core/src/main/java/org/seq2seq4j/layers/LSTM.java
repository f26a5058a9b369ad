package org.seq2seq4j.layers;

import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.SingleCellRNN;

/**
 * Long Short-Term Memory layer with Keras 3 semantics, run as one fused op with a hand-written
 * backward. Input {@code (batch, timesteps, features)}; output {@code (batch, units)}, or
 * {@code (batch, timesteps, units)} with {@link #returnSequences}; with {@link #returnState} the
 * outputs are {@code [output, h, c]}, each state {@code (batch, units)}. Call with
 * {@code call(ctx, x)} or {@code call(ctx, x, h0, c0)}; a mask {@code (batch, timesteps)} comes
 * from {@link CallContext#mask()}.
 *
 * <p>Weights (Keras names and layouts, gates i, f, c, o): {@code lstm_cell/kernel (features, 4u)},
 * {@code lstm_cell/recurrent_kernel (u, 4u)}, {@code lstm_cell/bias (4u)}. Defaults: activation
 * tanh, recurrent_activation sigmoid, use_bias, glorot_uniform / orthogonal / zeros initializers,
 * unit_forget_bias (forget-gate bias starts at one). dropout / recurrent_dropout act in training
 * calls; stateful, go_backwards, masks and initial states as in {@link
 * org.seq2seq4j.layers.recurrent.RecurrentLayer}; {@code unroll} is accepted and has no effect.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(4).returnSequences(true).returnState(true);
 * Tensor[] out = lstm.apply(Tensor.random(Shape.of(32, 10, 8), 42)); // [sequence, h, c]
 * // out[0].shape() -> (32, 10, 4); out[1].shape() -> (32, 4); lstm.countParams() -> 208
 * }</pre>
 */
public final class LSTM extends SingleCellRNN<LSTM, LSTMCell> {

    /** An LSTM with {@code units} units (positive). */
    public LSTM(int units) {
        super(new LSTMCell(units));
    }

    /** Activation of the i, f, o gates (default sigmoid); must be elementwise. */
    public LSTM recurrentActivation(ActivationFunction a) {
        checkNotBuilt("recurrentActivation");
        cell().recurrentActivation(a);
        return this;
    }

    /** As {@code recurrentActivation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public LSTM recurrentActivation(String kerasName) {
        return recurrentActivation(ActivationFunction.fromKerasName(kerasName));
    }

    /** When true (default), the forget-gate slice of the bias starts at ones, as in Keras. */
    public LSTM unitForgetBias(boolean b) {
        checkNotBuilt("unitForgetBias");
        cell().unitForgetBias(b);
        return this;
    }

    /**
     * An LSTM from a Keras 3 or Keras 2 config. Keras 2 extras (implementation, dtype, null
     * regularizers and constraints, {@code unit_forget_bias: null}) are accepted; unknown keys and
     * non-null regularizers or constraints are a {@link org.seq2seq4j.ConfigException}. "hard_sigmoid"
     * means the Keras 3 formula; importers of Keras 2 files switch to {@link Activation#HARD_SIGMOID_KERAS2}.
     */
    public static LSTM fromConfig(LayerConfig c) {
        return fromFlatConfig(new LSTM(c.requireInt("LSTM", "units")), c);
    }
}
