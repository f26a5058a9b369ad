package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, as Keras 3 {@code SGD}.
 * Without momentum {@code p -= lr * g}; with momentum {@code m = momentum * m - lr * g}, then
 * {@code p += m}, or with Nesterov {@code p += momentum * m - lr * g}. Defaults: learning_rate 0.01,
 * momentum 0, nesterov false. Slot: {@code momentum} (only when momentum is not 0).
 *
 * <pre>{@code
 * Optimizer sgd = new SGD().momentum(0.9).nesterov(true).learningRate(0.1);
 * }</pre>
 */
public final class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;
    private float lr;
    private float mom;

    public SGD() {
        super("sgd", 0.01);
    }

    /** Momentum in [0, 1); 0 (the default) keeps no slot. */
    public SGD momentum(double momentum) {
        checkNotBuilt("momentum");
        this.momentum = fraction("momentum", momentum);
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    protected String[] slotNames() {
        return momentum != 0 ? new String[] {"momentum"} : new String[0];
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        lr = learningRate;
        mom = (float) momentum;
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        if (s.length == 0) {
            for (int i = 0; i < n; i++) {
                p[i] -= g[i] * lr;
            }
            return;
        }
        float[] m = s[0];
        for (int i = 0; i < n; i++) {
            m[i] = m[i] * mom - g[i] * lr;
            p[i] += nesterov ? m[i] * mom - g[i] * lr : m[i];
        }
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("momentum", momentum).put("nesterov", nesterov);
    }

    /** An SGD from a Keras config ({@code learning_rate}, {@code momentum}, {@code nesterov}, clipping). */
    public static SGD fromConfig(LayerConfig c) {
        SGD o = new SGD();
        o.momentum(c.getDouble("SGD", "momentum", 0)).nesterov(c.getBool("SGD", "nesterov", false));
        o.applyBaseConfig(c);
        return o;
    }
}
