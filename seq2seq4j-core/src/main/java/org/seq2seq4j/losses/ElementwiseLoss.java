package org.seq2seq4j.losses;

import org.seq2seq4j.tensor.Shape;

/**
 * A loss that is the mean over the last axis of a term of {@code (y_true, y_pred)} element pairs
 * (MSE, MAE, binary crossentropy); {@code y_true} and {@code y_pred} have the same shape, or one
 * has an extra trailing axis of 1.
 *
 * <pre>{@code
 * // entry = (1/n) * sum_i term(t_i, p_i);  d entry / d p_i = termGradient(t_i, p_i) / n
 * }</pre>
 */
abstract class ElementwiseLoss extends Loss {
    ElementwiseLoss(String name) {
        super(name);
    }

    /** The loss of one element. */
    abstract double term(float t, float p);

    /** d term / d p. */
    abstract double termGradient(float t, float p);

    @Override
    protected Shape entryShape(Shape yTrue, Shape yPred) {
        return alignedEntries(yTrue, yPred);
    }

    @Override
    protected double entry(float[] t, int tOff, float[] p, int pOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += term(t[tOff + i], p[pOff + i]);
        }
        return s / n;
    }

    @Override
    protected void entryGradient(float[] t, int tOff, float[] p, int pOff, int n, double coef, float[] g, int gOff) {
        double c = coef / n;
        for (int i = 0; i < n; i++) {
            g[gOff + i] += (float) (c * termGradient(t[tOff + i], p[pOff + i]));
        }
    }
}
