package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Adam, as Keras 3 {@code Adam}: {@code m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2)};
 * {@code p -= m * alpha / (sqrt(v) + eps)} with {@code alpha = lr sqrt(1 - b2^t) / (1 - b1^t)}, so
 * epsilon is added to the uncorrected {@code sqrt(v)}. With amsgrad, {@code v_hat = max(v_hat, v)}
 * replaces {@code v} in the denominator. Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7, amsgrad false. Slots: {@code momentum}, {@code velocity}, {@code velocity_hat}.
 *
 * <pre>{@code
 * Optimizer adam = new Adam().amsgrad(true).learningRate(0.01);
 * }</pre>
 */
public final class Adam extends MomentOptimizer<Adam> {
    private boolean amsgrad;
    private float alpha;

    public Adam() {
        super("adam");
    }

    public Adam amsgrad(boolean amsgrad) {
        checkNotBuilt("amsgrad");
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    protected String[] slotNames() {
        return amsgrad ? new String[] {"momentum", "velocity", "velocity_hat"} : new String[] {"momentum", "velocity"};
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        super.prepareStep(step, learningRate);
        float b1t = (float) Math.pow((float) beta1(), step);
        float b2t = (float) Math.pow((float) beta2(), step);
        alpha = learningRate * (float) Math.sqrt(1 - b2t) / (1 - b1t);
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        float[] m = s[0];
        float[] v = s[1];
        float[] vHat = amsgrad ? s[2] : v;
        for (int i = 0; i < n; i++) {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            v[i] += (g[i] * g[i] - v[i]) * oneMinusBeta2;
            vHat[i] = Math.max(vHat[i], v[i]);
            p[i] -= m[i] * alpha / ((float) Math.sqrt(vHat[i]) + eps);
        }
    }

    @Override
    protected void addConfig(LayerConfig c) {
        super.addConfig(c);
        c.put("amsgrad", amsgrad);
    }

    /** An Adam from a Keras config. */
    public static Adam fromConfig(LayerConfig c) {
        return new Adam().amsgrad(c.getBool("Adam", "amsgrad", false)).configure(c);
    }
}
