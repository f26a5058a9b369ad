package org.seq2seq4j.layers.recurrent;

import java.util.Set;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Keras's {@code SimpleRNNCell}: {@code h = act(x·W + b + h·U)} for {@link RNN}, one state.
 * Weights {@code kernel (features, u)}, {@code recurrent_kernel (u, u)}, {@code bias (u)}; only the
 * common cell arguments (activation default tanh).
 *
 * <pre>{@code
 * RNN rnn = new RNN(new SimpleRNNCell(4)).returnSequences(true);
 * Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // (2, 5, 4)
 * }</pre>
 */
public final class SimpleRNNCell extends FusedCell<SimpleRNNCell> {
    public SimpleRNNCell(int units) {
        super(units, SimpleRnnStep.GATES, SimpleRnnStep.STATES);
    }

    @Override
    protected SimpleRNNCell self() {
        return this;
    }

    @Override
    protected FusedStep createMath() {
        return new SimpleRnnStep(units(), activation());
    }

    @Override
    protected void putOwnConfig(LayerConfig c) {
    }

    @Override
    public Set<String> ownKeys() {
        return Set.of();
    }

    @Override
    protected void applyOwnConfig(LayerConfig c) {
    }

    /** A SimpleRNNCell from its Keras config. */
    public static SimpleRNNCell fromConfig(LayerConfig c) {
        return new SimpleRNNCell(c.requireInt("SimpleRNNCell", "units")).applyConfig(c);
    }
}
