package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Adagrad, as Keras 3 {@code Adagrad}: {@code acc += g^2; p -= lr * g / sqrt(acc + epsilon)}.
 * Defaults: learning_rate 0.001, initial_accumulator_value 0.1, epsilon 1e-7. Slot:
 * {@code accumulator}.
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad().initialAccumulatorValue(0.1).learningRate(0.01);
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;
    private float lr;
    private float eps;

    public Adagrad() {
        super("adagrad", 0.001);
    }

    public Adagrad initialAccumulatorValue(double v) {
        checkNotBuilt("initial_accumulator_value");
        if (!(v >= 0)) {
            throw org.seq2seq4j.ConfigException.argument(describe(), "initial_accumulator_value", ">= 0", v);
        }
        this.initialAccumulatorValue = v;
        return this;
    }

    public Adagrad epsilon(double epsilon) {
        this.epsilon = positive("epsilon", epsilon);
        return this;
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"accumulator"};
    }

    @Override
    protected float slotInitialValue(int slot) {
        return (float) initialAccumulatorValue;
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        lr = learningRate;
        eps = (float) epsilon;
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        float[] acc = s[0];
        for (int i = 0; i < n; i++) {
            acc[i] += g[i] * g[i];
            p[i] -= lr * g[i] / (float) Math.sqrt(acc[i] + eps);
        }
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("initial_accumulator_value", initialAccumulatorValue).put("epsilon", epsilon);
    }

    /** An Adagrad from a Keras config. */
    public static Adagrad fromConfig(LayerConfig c) {
        Adagrad o = new Adagrad().initialAccumulatorValue(c.getDouble("Adagrad", "initial_accumulator_value", 0.1))
                .epsilon(c.getDouble("Adagrad", "epsilon", 1e-7));
        o.applyBaseConfig(c);
        return o;
    }
}
