package org.seq2seq4j.losses;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;

/**
 * Crossentropy with integer class ids, as Keras {@code SparseCategoricalCrossentropy}.
 * {@code y_true} holds ids as floats with shape {@code (batch,)}, {@code (batch, 1)},
 * {@code (batch, timesteps)} or {@code (batch, timesteps, 1)}; {@code y_pred} is
 * {@code (batch, [timesteps,] classes)}. For probabilities, {@code y_pred} is clipped to
 * {@code [1e-7, 1 - 1e-7]}, logged and log-softmaxed (so it is renormalised):
 * {@code -log(q_id / sum q)}; with {@code fromLogits}, {@code logsumexp(x) - x_id}.
 *
 * <pre>{@code
 * Loss scce = new SparseCategoricalCrossentropy();
 * Tensor l = scce.call(Tensor.of(new float[] {1}, 1), Tensor.of(new float[] {0.5f, 0.5f}, 1, 2));
 * // l.item() -> log 2 = 0.6931
 * }</pre>
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private boolean fromLogits;

    public SparseCategoricalCrossentropy() {
        super("sparse_categorical_crossentropy");
    }

    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    @Override
    protected Shape entryShape(Shape yTrue, Shape yPred) {
        Shape ids = yTrue.rank() == yPred.rank() && yTrue.rank() > 0 && yTrue.last() == 1 ? yTrue.take(yTrue.rank() - 1) : yTrue;
        if (yPred.rank() == 0 || !ids.equals(yPred.take(yPred.rank() - 1))) {
            throw new ShapeException(describe(), "y_pred of shape " + ids + " + (classes,) for class ids y_true " + yTrue, yPred);
        }
        return ids;
    }

    @Override
    protected int trueWidth(int n) {
        return 1;
    }

    private int id(float[] t, int tOff, int n) {
        float v = t[tOff];
        if (!(v >= 0 && v < n && v == Math.rint(v))) {
            throw ConfigException.argument(describe(), "y_true[" + tOff + "]", "a class id in [0, " + n + ")", v);
        }
        return (int) v;
    }

    @Override
    protected double entry(float[] t, int tOff, float[] p, int pOff, int n) {
        int id = id(t, tOff, n);
        if (fromLogits) {
            return LogSoftmax.logSumExp(p, pOff, n) - p[pOff + id];
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += LogSoftmax.clip(p[pOff + k]);
        }
        return Math.log(sum) - Math.log(LogSoftmax.clip(p[pOff + id]));
    }

    @Override
    protected void entryGradient(float[] t, int tOff, float[] p, int pOff, int n, double coef, float[] g, int gOff) {
        int id = id(t, tOff, n);
        if (fromLogits) {
            g[gOff + id] -= (float) coef;
            LogSoftmax.addSoftmax(p, pOff, n, LogSoftmax.logSumExp(p, pOff, n), coef, g, gOff);
            return;
        }
        // dL/dq_k = 1 / sum(q) - [k == id] / q_id, passed where p_k is not clipped
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += LogSoftmax.clip(p[pOff + k]);
        }
        for (int k = 0; k < n; k++) {
            if (LogSoftmax.inRange(p[pOff + k])) {
                double d = 1 / sum - (k == id ? 1 / (double) p[pOff + k] : 0);
                g[gOff + k] += (float) (coef * d);
            }
        }
    }

    @Override
    protected void addConfig(LayerConfig c) {
        c.put("from_logits", fromLogits).put("ignore_class", null).put("axis", -1);
    }
}
