package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Shared options of Adam, Adamax and Nadam: {@code beta_1} (default 0.9), {@code beta_2}
 * (0.999) and {@code epsilon} (1e-7), with the float32 constants the update rules use.
 *
 * <pre>{@code
 * Adam adam = new Adam().beta1(0.8).beta2(0.99).epsilon(1e-8);
 * }</pre>
 *
 * @param <T> the concrete optimizer, so the setters chain
 */
public abstract class MomentOptimizer<T extends MomentOptimizer<T>> extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    /** float32 constants for the running step, set by {@link #prepareStep}. */
    protected float lr;
    protected float oneMinusBeta1;
    protected float oneMinusBeta2;
    protected float b2;
    protected float eps;

    protected MomentOptimizer(String name) {
        super(name, 0.001);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    public T beta1(double beta1) {
        this.beta1 = fraction("beta_1", beta1);
        return self();
    }

    public T beta2(double beta2) {
        this.beta2 = fraction("beta_2", beta2);
        return self();
    }

    public T epsilon(double epsilon) {
        this.epsilon = positive("epsilon", epsilon);
        return self();
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        lr = learningRate;
        oneMinusBeta1 = (float) (1 - beta1);
        oneMinusBeta2 = (float) (1 - beta2);
        b2 = (float) beta2;
        eps = (float) epsilon;
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("beta_1", beta1).put("beta_2", beta2).put("epsilon", epsilon);
    }

    /** Reads {@code beta_1}, {@code beta_2}, {@code epsilon} and the base options from a Keras config. */
    protected final T configure(LayerConfig c) {
        String s = getClass().getSimpleName();
        beta1(c.getDouble(s, "beta_1", 0.9)).beta2(c.getDouble(s, "beta_2", 0.999)).epsilon(c.getDouble(s, "epsilon", 1e-7));
        applyBaseConfig(c);
        return self();
    }
}
