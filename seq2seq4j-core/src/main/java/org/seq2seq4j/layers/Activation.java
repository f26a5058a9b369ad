package org.seq2seq4j.layers;

import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Applies an activation function to its input; softmax normalises the last axis. No weights.
 *
 * <pre>{@code
 * Tensor y = new Activation("softmax").apply(Tensor.random(Shape.of(2, 3, 4), 1));
 * // each row of 4 values in y sums to 1
 * }</pre>
 */
public final class Activation extends FluentLayer<Activation> {
    private final ActivationFunction activation;

    public Activation(ActivationFunction activation) {
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
    }

    /** An activation layer from a Keras name, e.g. {@code new Activation("softmax")}. */
    public Activation(String kerasName) {
        this(ActivationFunction.fromKerasName(kerasName));
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {Ops.activation(inputs[0], activation)};
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("activation", activation);
    }

    /** The layer a Keras config describes. */
    public static Activation fromConfig(LayerConfig c) {
        return applyBase(new Activation(c.activation("activation", ActivationFunction.LINEAR)), c);
    }
}
