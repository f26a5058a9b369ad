package org.seq2seq4j.losses;

import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;

/**
 * Crossentropy with one-hot (or soft) targets over the last axis, as Keras
 * {@code CategoricalCrossentropy}: for probabilities, {@code y_pred} is renormalised to sum 1,
 * clipped to {@code [1e-7, 1 - 1e-7]} and {@code -sum t log q} taken; with {@code fromLogits} a
 * log-softmax is used. Label smoothing replaces {@code t} by {@code t (1 - s) + s / classes}.
 * {@code y_true} and {@code y_pred} both have shape {@code (..., classes)}.
 *
 * <pre>{@code
 * Loss cce = new CategoricalCrossentropy().fromLogits(true);
 * Tensor l = cce.call(Tensor.of(new float[] {0, 1}, 1, 2), Tensor.of(new float[] {0, 0}, 1, 2));
 * // l.item() -> log 2 = 0.6931
 * }</pre>
 */
public final class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;

    public CategoricalCrossentropy() {
        super("categorical_crossentropy");
    }

    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    public CategoricalCrossentropy labelSmoothing(double s) {
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(describe(), s);
        return this;
    }

    @Override
    protected Shape entryShape(Shape yTrue, Shape yPred) {
        return alignedEntries(yTrue, yPred);
    }

    private double target(float[] t, int i, int n) {
        return t[i] * (1 - labelSmoothing) + labelSmoothing / n;
    }

    @Override
    protected double entry(float[] t, int tOff, float[] p, int pOff, int n) {
        double loss = 0;
        if (fromLogits) {
            double lse = LogSoftmax.logSumExp(p, pOff, n);
            for (int k = 0; k < n; k++) {
                loss -= target(t, tOff + k, n) * (p[pOff + k] - lse);
            }
            return loss;
        }
        double sum = sum(p, pOff, n);
        for (int k = 0; k < n; k++) {
            double y = target(t, tOff + k, n);
            if (y != 0) {                                   // a zero target adds exactly 0 (the log is finite)
                loss -= y * Math.log(LogSoftmax.clip(p[pOff + k] / sum));
            }
        }
        return loss;
    }

    @Override
    protected void entryGradient(float[] t, int tOff, float[] p, int pOff, int n, double coef, float[] g, int gOff) {
        if (fromLogits) {
            // d/dx_k = softmax_k * sum(t) - t_k
            double tSum = 0;
            for (int k = 0; k < n; k++) {
                double y = target(t, tOff + k, n);
                tSum += y;
                g[gOff + k] -= (float) (coef * y);
            }
            LogSoftmax.addSoftmax(p, pOff, n, LogSoftmax.logSumExp(p, pOff, n), coef * tSum, g, gOff);
            return;
        }
        // q = p / S; dL/dq_j = -t_j / q_j where unclipped; dL/dp_k = (dL/dq_k - sum_j dL/dq_j q_j) / S
        // zero targets (most of a one-hot row) skip the divisions: their dq is 0
        double sum = sum(p, pOff, n);
        double dot = 0;
        for (int k = 0; k < n; k++) {
            double y = target(t, tOff + k, n);
            if (y != 0 && LogSoftmax.inRange(p[pOff + k] / sum)) {
                dot += -y;                                  // (-t/q) * q
            }
        }
        float zeroTarget = (float) (coef * (0 - dot) / sum);
        for (int k = 0; k < n; k++) {
            double y = target(t, tOff + k, n);
            if (y == 0) {
                g[gOff + k] += zeroTarget;
            } else {
                double q = p[pOff + k] / sum;
                double dq = LogSoftmax.inRange(q) ? -y / q : 0;
                g[gOff + k] += (float) (coef * (dq - dot) / sum);
            }
        }
    }

    private static double sum(float[] p, int off, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += p[off + k];
        }
        return s;
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("from_logits", fromLogits).put("label_smoothing", labelSmoothing).put("axis", -1);
    }
}
