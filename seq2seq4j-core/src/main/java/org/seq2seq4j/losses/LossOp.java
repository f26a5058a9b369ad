package org.seq2seq4j.losses;

import org.seq2seq4j.autodiff.Op;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The tape op of one {@link Loss} call. Input: {@code y_pred}. Output: the per-entry weighted
 * values {@code v*w} ({@link Reduction#NONE}) or the scalar {@code sum(v*w) / divisor} (0 when the
 * divisor is 0, like Keras's divide_no_nan). Backward adds {@code dOut * w / divisor * dv/dy_pred}.
 */
final class LossOp implements Op {
    private final Loss loss;
    private final Tensor yTrue;
    private final float[] weights;     // per entry, or null for all ones
    private final double scale;        // 1 / divisor, or 0 when the divisor is 0
    private final Shape entries;
    private Tensor yPred;
    private double value;              // the reduced loss in double, before the float32 result

    LossOp(Loss loss, Tensor yTrue, float[] weights, double divisor, Shape entries) {
        this.loss = loss;
        this.yTrue = yTrue;
        this.weights = weights;
        this.scale = divisor == 0 ? 0 : 1 / divisor;
        this.entries = entries;
    }

    @Override
    public String name() {
        return loss.name();
    }

    private int width() {
        int e = entries.size();
        return e == 0 ? 0 : yPred.size() / e;
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        yPred = in[0];
        int e = entries.size();
        int n = width();
        int tw = loss.trueWidth(n);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        if (loss.reduction() == Reduction.NONE) {
            float[] out = new float[e];
            for (int i = 0; i < e; i++) {
                out[i] = (float) (loss.entry(t, i * tw, p, i * n, n) * weight(i));
            }
            return new Tensor[] {Tensor.of(out, entries)};
        }
        double sum = 0;
        for (int i = 0; i < e; i++) {
            sum += loss.entry(t, i * tw, p, i * n, n) * weight(i);
        }
        value = sum * scale;
        return new Tensor[] {Tensor.scalar((float) value)};
    }

    /** The reduced loss of the last forward in double (for gradient checks); not for {@link Reduction#NONE}. */
    double value() {
        return value;
    }

    private double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[0] == null) {
            return;
        }
        int e = entries.size();
        int n = width();
        int tw = loss.trueWidth(n);
        float[] d = dOut[0].data();
        boolean none = loss.reduction() == Reduction.NONE;
        for (int i = 0; i < e; i++) {
            double coef = (none ? d[i] : d[0] * scale) * weight(i);
            if (coef != 0) {
                loss.entryGradient(yTrue.data(), i * tw, yPred.data(), i * n, n, coef, dIn[0].data(), i * n);
            }
        }
    }
}
