package org.seq2seq4j.metrics;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Tensor;

/**
 * How often the argmax of {@code y_pred} equals the argmax of the one-hot {@code y_true}, as Keras
 * {@code CategoricalAccuracy}; both have shape {@code (..., classes)}; ties go to the first index.
 *
 * <pre>{@code
 * Metric acc = new CategoricalAccuracy();
 * acc.update(Tensor.of(new float[] {0, 1, 1, 0}, 2, 2), Tensor.of(new float[] {0.2f, 0.8f, 0.4f, 0.6f}, 2, 2), null, null);
 * // acc.result() -> 0.5
 * }</pre>
 */
public final class CategoricalAccuracy extends Mean {
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected Tensor values(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() == 0 || !yTrue.shape().equals(yPred.shape())) {
            throw new ShapeException(describe(), "one-hot y_true and y_pred of the same shape (..., classes); y_true is "
                    + yTrue.shape(), yPred.shape());
        }
        Tensor out = Tensor.zeros(yPred.shape().take(yPred.rank() - 1));
        float[] o = out.data();
        int n = yPred.shape().last();
        for (int i = 0; i < o.length; i++) {
            o[i] = argmax(yTrue.data(), i * n, n) == argmax(yPred.data(), i * n, n) ? 1 : 0;
        }
        return out;
    }

    /** Index of the first maximum of {@code x[off..off+n)}. */
    static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (x[off + k] > x[off + best]) {
                best = k;
            }
        }
        return best;
    }
}
