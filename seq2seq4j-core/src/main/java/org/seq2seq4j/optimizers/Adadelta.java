package org.seq2seq4j.optimizers;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Adadelta, as Keras 3 {@code Adadelta}: {@code ag = rho*ag + (1-rho)*g^2};
 * {@code d = -sqrt(ad + eps) * g / sqrt(ag + eps)} with the UPDATED {@code ag};
 * {@code ad = rho*ad + (1-rho)*d^2}; {@code p += lr * d}. Defaults: learning_rate 0.001 (Keras 2
 * used 1.0), rho 0.95, epsilon 1e-7. Slots: {@code accumulated_grad}, {@code accumulated_delta_var}.
 *
 * <pre>{@code
 * Optimizer adadelta = new Adadelta().rho(0.9).learningRate(1.0);
 * }</pre>
 */
public final class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;
    private float lr;
    private float r;
    private float oneMinusRho;
    private float eps;

    public Adadelta() {
        super("adadelta", 0.001);
    }

    public Adadelta rho(double rho) {
        this.rho = fraction("rho", rho);
        return this;
    }

    public Adadelta epsilon(double epsilon) {
        this.epsilon = positive("epsilon", epsilon);
        return this;
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"accumulated_grad", "accumulated_delta_var"};
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        lr = learningRate;
        r = (float) rho;
        oneMinusRho = (float) (1 - rho);
        eps = (float) epsilon;
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        float[] ag = s[0];
        float[] ad = s[1];
        for (int i = 0; i < n; i++) {
            ag[i] = r * ag[i] + oneMinusRho * (g[i] * g[i]);
            float d = -((float) Math.sqrt(ad[i] + eps) * g[i]) / (float) Math.sqrt(ag[i] + eps);
            ad[i] = r * ad[i] + oneMinusRho * (d * d);
            p[i] += lr * d;
        }
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("rho", rho).put("epsilon", epsilon);
    }

    /** An Adadelta from a Keras config. */
    public static Adadelta fromConfig(LayerConfig c) {
        Adadelta o = new Adadelta().rho(c.getDouble("Adadelta", "rho", 0.95)).epsilon(c.getDouble("Adadelta", "epsilon", 1e-7));
        o.applyBaseConfig(c);
        return o;
    }
}
