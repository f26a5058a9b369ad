package org.seq2seq4j.losses;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Binary crossentropy averaged over the last axis, as Keras {@code BinaryCrossentropy}. For
 * probabilities, {@code p} is clipped to {@code [1e-7, 1 - 1e-7]} (float32 bounds) and
 * {@code 1 - p} is evaluated in float32, so a saturated prediction costs
 * {@code -log(1.1920929e-7) = 15.94}, as in Keras. With {@code fromLogits} the stable form
 * {@code max(x, 0) - x t + log(1 + exp(-|x|))} is used. Label smoothing replaces {@code t} by
 * {@code t (1 - s) + s/2}.
 *
 * <pre>{@code
 * Loss bce = new BinaryCrossentropy().fromLogits(true);
 * // bce.getConfig() -> {name=binary_crossentropy, reduction=sum_over_batch_size, from_logits=true, label_smoothing=0.0, axis=-1}
 * }</pre>
 */
public final class BinaryCrossentropy extends ElementwiseLoss {
    private boolean fromLogits;
    private double labelSmoothing;

    public BinaryCrossentropy() {
        super("binary_crossentropy");
    }

    public BinaryCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    public BinaryCrossentropy labelSmoothing(double s) {
        this.labelSmoothing = checkSmoothing(describe(), s);
        return this;
    }

    static double checkSmoothing(String subject, double s) {
        if (!(s >= 0 && s <= 1)) {
            throw ConfigException.argument(subject, "label_smoothing", "in [0, 1]", s);
        }
        return s;
    }

    private double smooth(float t) {
        return t * (1 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    @Override
    double term(float t, float p) {
        double y = smooth(t);
        if (fromLogits) {
            return Math.max(p, 0) - p * y + Math.log1p(Math.exp(-Math.abs(p)));
        }
        double pc = LogSoftmax.clip(p);
        // at the upper bound Keras's float32 1 - p is 1.1920929e-7, not 1e-7
        double oneMinus = p >= ONE_MINUS_EPSILON ? 1f - ONE_MINUS_EPSILON : 1 - pc;
        return -(y * Math.log(pc) + (1 - y) * Math.log(oneMinus));
    }

    @Override
    double termGradient(float t, float p) {
        double y = smooth(t);
        if (fromLogits) {
            return 1 / (1 + Math.exp(-p)) - y;
        }
        if (!LogSoftmax.inRange(p)) {
            return 0;                                   // clipped: no gradient, as Keras
        }
        return -y / p + (1 - y) / (1.0 - p);
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("from_logits", fromLogits).put("label_smoothing", labelSmoothing).put("axis", -1);
    }
}
