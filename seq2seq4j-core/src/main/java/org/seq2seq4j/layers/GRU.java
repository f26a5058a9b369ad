package org.seq2seq4j.layers;

import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.layers.recurrent.SingleCellRNN;

/**
 * Gated Recurrent Unit layer with Keras 3 semantics, run as one fused op with a hand-written
 * backward. Input {@code (batch, timesteps, features)}; output {@code (batch, units)}, or
 * {@code (batch, timesteps, units)} with {@link #returnSequences}; with {@link #returnState} the
 * outputs are {@code [output, h]}. Call with {@code call(ctx, x)} or {@code call(ctx, x, h0)}.
 *
 * <p>Weights (gates z, r, h): {@code gru_cell/kernel (features, 3u)},
 * {@code gru_cell/recurrent_kernel (u, 3u)}, {@code gru_cell/bias}: {@code (2, 3u)} with
 * reset_after (Keras 3 default: row 0 input bias, row 1 recurrent bias,
 * {@code hh = tanh(x·W_h + b_xh + r ⊙ (h·U_h + b_hh))}), {@code (3u)} without (Keras 2 default,
 * {@code hh = tanh(x·W_h + b_h + (r ⊙ h)·U_h)}); then {@code h = z ⊙ h + (1 - z) ⊙ hh}.
 * Defaults: activation tanh, recurrent_activation sigmoid, use_bias, glorot_uniform / orthogonal
 * / zeros. Other arguments as {@link org.seq2seq4j.layers.recurrent.RecurrentLayer}.
 *
 * <pre>{@code
 * GRU gru = new GRU(3);
 * gru.build(Shape.of(Shape.UNKNOWN, 10, 4));  // gru.countParams() -> 81; 72 with resetAfter(false)
 * Tensor h = gru.apply(Tensor.random(Shape.of(2, 10, 4), 1));   // (2, 3)
 * }</pre>
 */
public final class GRU extends SingleCellRNN<GRU, GRUCell> {

    /** A GRU with {@code units} units (positive). */
    public GRU(int units) {
        super(new GRUCell(units));
    }

    /** Activation of the z and r gates (default sigmoid); must be elementwise. */
    public GRU recurrentActivation(ActivationFunction a) {
        checkNotBuilt("recurrentActivation");
        cell().recurrentActivation(a);
        return this;
    }

    /** As {@code recurrentActivation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public GRU recurrentActivation(String kerasName) {
        return recurrentActivation(ActivationFunction.fromKerasName(kerasName));
    }

    public boolean resetAfter() {
        return cell().resetAfter();
    }

    /** Reset gate after the recurrent product (true, Keras 3 default) or before it (false, Keras 2 default). */
    public GRU resetAfter(boolean b) {
        checkNotBuilt("resetAfter");
        cell().resetAfter(b);
        return this;
    }

    /**
     * A GRU from a Keras 3 or Keras 2 config; an absent reset_after means true (Keras 3), so
     * importers of standalone Keras 2 files, whose default was false, must set it explicitly.
     */
    public static GRU fromConfig(LayerConfig c) {
        return fromFlatConfig(new GRU(c.requireInt("GRU", "units")), c);
    }
}
