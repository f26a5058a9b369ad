package org.seq2seq4j.optimizers;

import java.util.Map;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Nadam (Adam with Nesterov momentum), as Keras 3 {@code Nadam} with its momentum schedule
 * {@code u_t = b1 (1 - 0.5 * 0.96^t)}: the running product {@code u_product} is multiplied by
 * {@code u_t} once per step, then {@code m_hat = u_{t+1} m / (1 - u_product u_{t+1}) +
 * (1 - u_t) g / (1 - u_product)}, {@code v_hat = v / (1 - b2^t)} and
 * {@code p -= lr m_hat / (sqrt(v_hat) + eps)}. Defaults: learning_rate 0.001, beta_1 0.9,
 * beta_2 0.999, epsilon 1e-7. Slots: {@code momentum}, {@code velocity}; optimizer-wide
 * {@code u_product}.
 *
 * <pre>{@code
 * Optimizer nadam = new Nadam().learningRate(0.002);
 * }</pre>
 */
public final class Nadam extends MomentOptimizer<Nadam> {
    private final float[] uProduct = {1f};
    private float uT;
    private float uT1;
    private float uProductT;
    private float uProductT1;
    private float velocityCorrection;

    public Nadam() {
        super("nadam");
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"momentum", "velocity"};
    }

    @Override
    protected Map<String, float[]> globalState() {
        return Map.of("u_product", uProduct);
    }

    @Override
    protected void prepareStep(long step, float learningRate) {
        super.prepareStep(step, learningRate);
        float b1 = (float) beta1();
        uT = b1 * (1f - 0.5f * (float) Math.pow(0.96f, step));
        uT1 = b1 * (1f - 0.5f * (float) Math.pow(0.96f, step + 1));
        uProduct[0] *= uT;
        uProductT = uProduct[0];
        uProductT1 = uProductT * uT1;
        velocityCorrection = 1 - (float) Math.pow((float) beta2(), step);
    }

    @Override
    protected void updateStep(float[] p, float[] g, float[][] s, int n) {
        float[] m = s[0];
        float[] v = s[1];
        for (int i = 0; i < n; i++) {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            v[i] += (g[i] * g[i] - v[i]) * oneMinusBeta2;
            float mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g[i] / (1 - uProductT);
            float vHat = v[i] / velocityCorrection;
            p[i] -= mHat * lr / ((float) Math.sqrt(vHat) + eps);
        }
    }

    /** A Nadam from a Keras config. */
    public static Nadam fromConfig(LayerConfig c) {
        return new Nadam().configure(c);
    }
}
