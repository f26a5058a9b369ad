package org.seq2seq4j.layers.recurrent;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;

/**
 * Keras's {@code LSTMCell}: one LSTM step for {@link RNN} (gates i, f, c, o; states
 * {@code [h, c]}). Weights {@code kernel (features, 4u)}, {@code recurrent_kernel (u, 4u)},
 * {@code bias (4u)}. Besides the common cell arguments: recurrent_activation (default sigmoid) and
 * unit_forget_bias (default true: the forget-gate slice of the bias starts at ones). An
 * {@code RNN(LSTMCell)} runs the same fused kernel as {@link LSTM}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(new LSTMCell(4)).returnState(true);
 * Tensor[] out = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // [output, h, c], each (2, 4)
 * }</pre>
 */
public final class LSTMCell extends FusedCell<LSTMCell> {
    private ActivationFunction recurrentActivation = ActivationFunction.SIGMOID;
    private boolean unitForgetBias = true;

    public LSTMCell(int units) {
        super(units, LstmStep.GATES, LstmStep.STATES);
    }

    @Override
    protected LSTMCell self() {
        return this;
    }

    public ActivationFunction recurrentActivation() {
        return recurrentActivation;
    }

    /** Activation of the i, f, o gates (default sigmoid); must be elementwise. */
    public LSTMCell recurrentActivation(ActivationFunction a) {
        checkNotBuilt("recurrentActivation");
        recurrentActivation = LstmStep.elementwise(className(), "recurrent_activation", a);
        return this;
    }

    /** As {@code recurrentActivation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public LSTMCell recurrentActivation(String kerasName) {
        return recurrentActivation(ActivationFunction.fromKerasName(kerasName));
    }

    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    /** When true (default), the forget-gate slice of the bias starts at ones, as in Keras. */
    public LSTMCell unitForgetBias(boolean b) {
        checkNotBuilt("unitForgetBias");
        unitForgetBias = b;
        return this;
    }

    @Override
    protected FusedStep createMath() {
        return new LstmStep(units(), activation(), recurrentActivation);
    }

    @Override
    protected Initializer initialBias() {
        Initializer base = biasInitializer();
        if (!unitForgetBias) {
            return base;
        }
        int u = units();
        return new Initializer() {
            @Override
            public void fill(float[] out, Shape shape, SplittableRandom random) {
                base.fill(out, shape, random);
                Arrays.fill(out, u, 2 * u, 1f);
            }

            @Override
            public String className() {
                return base.className();
            }

            @Override
            public LayerConfig config() {
                return base.config();
            }
        };
    }

    @Override
    protected void putOwnConfig(LayerConfig c) {
        c.put("recurrent_activation", recurrentActivation).put("unit_forget_bias", unitForgetBias);
    }

    @Override
    public Set<String> ownKeys() {
        return Set.of("recurrent_activation", "unit_forget_bias");
    }

    @Override
    protected void applyOwnConfig(LayerConfig c) {
        recurrentActivation(c.activation("recurrent_activation", ActivationFunction.SIGMOID))
                .unitForgetBias(c.getBool(className(), "unit_forget_bias", true));
    }

    /** An LSTMCell from its Keras config (the name is read by {@link Cells#fromConfig}). */
    public static LSTMCell fromConfig(LayerConfig c) {
        return new LSTMCell(c.requireInt("LSTMCell", "units")).applyConfig(c);
    }
}
