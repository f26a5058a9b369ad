package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Densely connected layer: {@code activation(x · kernel + bias)} on the last axis. On a rank-3
 * input {@code (batch, timesteps, features)} it applies the same weights at every timestep, as
 * Keras 3 does. Weights: {@code kernel (features, units)}, {@code bias (units)}.
 * Defaults: linear activation, bias on, glorot_uniform kernel, zeros bias.
 *
 * <pre>{@code
 * Dense d = new Dense(5).activation(ActivationFunction.RELU);
 * Tensor y = d.apply(Tensor.random(Shape.of(2, 7, 12), 1));
 * // y.shape() -> (2, 7, 5); d.countParams() -> 65
 * }</pre>
 */
public final class Dense extends FluentLayer<Dense> {
    private final int units;
    private ActivationFunction activation = ActivationFunction.LINEAR;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Variable kernel;
    private Variable bias;

    public Dense(int units) {
        if (units <= 0) {
            throw ConfigException.argument("Dense", "units", "a positive integer", units);
        }
        this.units = units;
    }

    public int units() {
        return units;
    }

    public ActivationFunction activation() {
        return activation;
    }

    public Dense activation(ActivationFunction a) {
        checkNotBuilt("activation");
        activation = java.util.Objects.requireNonNull(a, "activation");
        return this;
    }

    /** As {@code activation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public Dense activation(String kerasName) {
        return activation(ActivationFunction.fromKerasName(kerasName));
    }

    public Dense useBias(boolean b) {
        checkNotBuilt("useBias");
        useBias = b;
        return this;
    }

    public Dense kernelInitializer(Initializer i) {
        checkNotBuilt("kernelInitializer");
        kernelInitializer = java.util.Objects.requireNonNull(i, "kernelInitializer");
        return this;
    }

    public Dense biasInitializer(Initializer i) {
        checkNotBuilt("biasInitializer");
        biasInitializer = java.util.Objects.requireNonNull(i, "biasInitializer");
        return this;
    }

    @Override
    protected void checkInput(Shape in) {
        requireMinRank(in, 2, "(batch, ..., features)");
        if (kernel != null && in.last() != kernel.shape().dim(0)) {
            throw new ShapeException(describe(), "input with last axis " + kernel.shape().dim(0)
                    + " (the size it was built with)", in);
        }
    }

    @Override
    protected void doBuild(Shape in) {
        kernel = addWeight("kernel", Shape.of(in.last(), units), kernelInitializer);
        if (useBias) {
            bias = addWeight("bias", Shape.of(units), biasInitializer);
        }
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in.withLast(units);
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {Ops.dense(inputs[0], kernel.read(), useBias ? bias.read() : null, activation)};
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("units", units).put("activation", activation).put("use_bias", useBias)
                .put("kernel_initializer", Layers.initializerConfig(kernelInitializer))
                .put("bias_initializer", Layers.initializerConfig(biasInitializer));
    }

    /** The layer a Keras config describes. */
    public static Dense fromConfig(LayerConfig c) {
        Dense d = new Dense(c.requireInt("Dense", "units"))
                .activation(c.activation("activation", ActivationFunction.LINEAR))
                .useBias(c.getBool("Dense", "use_bias", true));
        Layers.initializer(c, "kernel_initializer").ifPresent(d::kernelInitializer);
        Layers.initializer(c, "bias_initializer").ifPresent(d::biasInitializer);
        return applyBase(d, c);
    }
}
