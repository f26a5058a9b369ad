package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Adamax (Adam with the infinity norm), as Keras 3 {@code Adamax}: {@code m += (g - m)(1 - b1)};
 * {@code u = max(b2 u, |g|)}; {@code p -= lr m / ((1 - b1^t)(u + eps))}. Defaults: learning_rate
 * 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots: {@code momentum}, {@code norm}.
 *
 * <pre>{@code
 * Optimizer adamax = new Adamax().beta2(0.99).learningRate(0.002);
 * }</pre>
 */
public final class Adamax extends MomentOptimizer<Adamax> {
    private float correction;

    public Adamax() {
        super("adamax");
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"momentum", "norm"};
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        super.prepareStep(step, learningRate);
        correction = 1 - (float) Math.pow((float) beta1(), step);
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        float[] m = s[0];
        float[] u = s[1];
        for (int i = 0; i < n; i++) {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
            p[i] -= lr * m[i] / (correction * (u[i] + eps));
        }
    }

    /** An Adamax from a Keras config. */
    public static Adamax fromConfig(LayerConfig c) {
        return new Adamax().configure(c);
    }
}
