package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * RMSprop, as Keras 3 {@code RMSprop}: {@code v = rho*v + (1-rho)*g^2}; centered also keeps
 * {@code mg = rho*mg + (1-rho)*g} and divides by {@code sqrt(v - mg^2 + eps)}, otherwise by
 * {@code sqrt(v + eps)} (epsilon inside the root); with momentum {@code mom = momentum*mom + inc;
 * p -= mom}, else {@code p -= inc}, where {@code inc = lr*g/denominator}. Defaults: learning_rate
 * 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false. Slots: {@code velocity}, then
 * {@code momentum} (momentum > 0) and {@code average_gradient} (centered).
 *
 * <pre>{@code
 * Optimizer rms = new RMSprop().centered(true).momentum(0.5).learningRate(0.01);
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;
    private float lr;
    private float r;
    private float oneMinusRho;
    private float mom;
    private float eps;

    public RMSprop() {
        super("rmsprop", 0.001);
    }

    public RMSprop rho(double rho) {
        this.rho = fraction("rho", rho);
        return this;
    }

    public RMSprop momentum(double momentum) {
        checkNotBuilt("momentum");
        this.momentum = fraction("momentum", momentum);
        return this;
    }

    public RMSprop epsilon(double epsilon) {
        this.epsilon = positive("epsilon", epsilon);
        return this;
    }

    public RMSprop centered(boolean centered) {
        checkNotBuilt("centered");
        this.centered = centered;
        return this;
    }

    @Override
    protected String[] slotNames() {
        if (momentum > 0) {
            return centered ? new String[] {"velocity", "momentum", "average_gradient"} : new String[] {"velocity", "momentum"};
        }
        return centered ? new String[] {"velocity", "average_gradient"} : new String[] {"velocity"};
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        lr = learningRate;
        r = (float) rho;
        oneMinusRho = (float) (1 - rho);
        mom = (float) momentum;
        eps = (float) epsilon;
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        float[] v = s[0];
        float[] m = momentum > 0 ? s[1] : null;
        float[] mg = centered ? s[s.length - 1] : null;
        for (int i = 0; i < n; i++) {
            v[i] = r * v[i] + oneMinusRho * (g[i] * g[i]);
            float denominator;
            if (mg != null) {
                mg[i] = r * mg[i] + oneMinusRho * g[i];
                denominator = v[i] - mg[i] * mg[i] + eps;
            } else {
                denominator = v[i] + eps;
            }
            float inc = lr * g[i] / (float) Math.sqrt(denominator);
            if (m != null) {
                m[i] = mom * m[i] + inc;
                p[i] -= m[i];
            } else {
                p[i] -= inc;
            }
        }
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("rho", rho).put("momentum", momentum).put("epsilon", epsilon).put("centered", centered);
    }

    /** An RMSprop from a Keras config. */
    public static RMSprop fromConfig(LayerConfig c) {
        String s = "RMSprop";
        RMSprop o = new RMSprop().rho(c.getDouble(s, "rho", 0.9)).momentum(c.getDouble(s, "momentum", 0))
                .epsilon(c.getDouble(s, "epsilon", 1e-7)).centered(c.getBool(s, "centered", false));
        o.applyBaseConfig(c);
        return o;
    }
}
