package org.seq2seq4j.layers.recurrent;

import java.util.Set;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;

/**
 * Keras's {@code GRUCell}: one GRU step for {@link RNN} (gates z, r, h; state {@code h}).
 * Weights {@code kernel (features, 3u)}, {@code recurrent_kernel (u, 3u)} and {@code bias}:
 * {@code (2, 3u)} with reset_after (Keras 3 default; row 0 input bias, row 1 recurrent bias,
 * {@code hh = act(x·W_h + b_xh + r ⊙ (h·U_h + b_hh))}) or {@code (3u)} without (Keras 2 default,
 * {@code hh = act(x·W_h + b_h + (r ⊙ h)·U_h)}). Besides the common cell arguments:
 * recurrent_activation (default sigmoid) and reset_after (default true).
 *
 * <pre>{@code
 * RNN rnn = new RNN(new GRUCell(3));
 * rnn.build(Shape.of(Shape.UNKNOWN, 5, 4));   // rnn.countParams() -> 81 (72 with resetAfter(false))
 * }</pre>
 */
public final class GRUCell extends FusedCell<GRUCell> {
    private ActivationFunction recurrentActivation = ActivationFunction.SIGMOID;
    private boolean resetAfter = true;

    public GRUCell(int units) {
        super(units, GruStep.GATES, GruStep.STATES);
    }

    @Override
    protected GRUCell self() {
        return this;
    }

    public ActivationFunction recurrentActivation() {
        return recurrentActivation;
    }

    /** Activation of the z and r gates (default sigmoid); must be elementwise. */
    public GRUCell recurrentActivation(ActivationFunction a) {
        checkNotBuilt("recurrentActivation");
        recurrentActivation = org.seq2seq4j.layers.recurrent.LstmStep.elementwise(className(), "recurrent_activation", a);
        return this;
    }

    /** As {@code recurrentActivation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public GRUCell recurrentActivation(String kerasName) {
        return recurrentActivation(ActivationFunction.fromKerasName(kerasName));
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    /** Apply the reset gate after the recurrent product (true, Keras 3 default) or before it (Keras 2). */
    public GRUCell resetAfter(boolean b) {
        checkNotBuilt("resetAfter");
        resetAfter = b;
        return this;
    }

    @Override
    protected Shape biasShape() {
        return resetAfter ? Shape.of(2, 3 * units()) : Shape.of(3 * units());
    }

    @Override
    protected FusedStep createMath() {
        return new GruStep(units(), activation(), recurrentActivation, resetAfter);
    }

    @Override
    protected void putOwnConfig(LayerConfig c) {
        c.put("recurrent_activation", recurrentActivation).put("reset_after", resetAfter);
    }

    @Override
    public Set<String> ownKeys() {
        return Set.of("recurrent_activation", "reset_after");
    }

    @Override
    protected void applyOwnConfig(LayerConfig c) {
        recurrentActivation(c.activation("recurrent_activation", ActivationFunction.SIGMOID))
                .resetAfter(c.getBool(className(), "reset_after", true));
    }

    /** A GRUCell from its Keras config; an absent reset_after means the Keras 3 default, true. */
    public static GRUCell fromConfig(LayerConfig c) {
        return new GRUCell(c.requireInt("GRUCell", "units")).applyConfig(c);
    }
}
