package org.seq2seq4j.metrics;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * How often the argmax of {@code y_pred (..., classes)} equals the integer id in {@code y_true}
 * (shape {@code (...)} or {@code (..., 1)}), as Keras {@code SparseCategoricalAccuracy}; ties go
 * to the first index.
 *
 * <pre>{@code
 * Metric acc = new SparseCategoricalAccuracy();
 * acc.update(Tensor.of(new float[] {1, 0}, 2), Tensor.of(new float[] {0.2f, 0.8f, 0.4f, 0.6f}, 2, 2), null, null);
 * // acc.result() -> 0.5
 * }</pre>
 */
public final class SparseCategoricalAccuracy extends Mean {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected Tensor values(Tensor yTrue, Tensor yPred) {
        Shape t = yTrue.shape();
        Shape ids = t.rank() == yPred.rank() && t.rank() > 0 && t.last() == 1 ? t.take(t.rank() - 1) : t;
        if (yPred.rank() == 0 || !ids.equals(yPred.shape().take(yPred.rank() - 1))) {
            throw new ShapeException(describe(), "y_pred of shape " + ids + " + (classes,) for class ids y_true " + t, yPred.shape());
        }
        Tensor out = Tensor.zeros(ids);
        float[] o = out.data();
        int n = yPred.shape().last();
        for (int i = 0; i < o.length; i++) {
            o[i] = yTrue.data()[i] == CategoricalAccuracy.argmax(yPred.data(), i * n, n) ? 1 : 0;
        }
        return out;
    }
}
