package org.seq2seq4j.metrics;

import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.tensor.Tensor;

/**
 * How often predictions equal labels exactly, as Keras {@code Accuracy}; {@code y_true} and
 * {@code y_pred} have the same shape (or one has an extra trailing axis of 1).
 *
 * <pre>{@code
 * Metric acc = new Accuracy();
 * acc.update(Tensor.of(new float[] {1, 2, 3, 4}, 4, 1), Tensor.of(new float[] {0, 2, 3, 4}, 4, 1), null, null);
 * // acc.result() -> 0.75
 * }</pre>
 */
public class Accuracy extends Mean {
    public Accuracy() {
        this("accuracy");
    }

    public Accuracy(String name) {
        super(name);
    }

    @Override
    protected Tensor values(Tensor yTrue, Tensor yPred) {
        Tensor out = Tensor.zeros(Loss.alignedShape(describe(), yTrue.shape(), yPred.shape()));
        float[] o = out.data();
        float[] t = yTrue.data();
        float[] p = yPred.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = t[i] == predicted(p[i]) ? 1 : 0;
        }
        return out;
    }

    /** The predicted label for a raw prediction (itself here; thresholded in {@link BinaryAccuracy}). */
    protected float predicted(float p) {
        return p;
    }
}
