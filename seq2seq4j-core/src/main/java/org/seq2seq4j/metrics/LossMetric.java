package org.seq2seq4j.metrics;

import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Reduction;
import org.seq2seq4j.tensor.Tensor;

/**
 * A loss function used as a metric (Keras's {@code MeanSquaredError} metric and friends): the mean
 * of the loss's per-entry values over everything seen, weighted like the other {@link Mean} metrics.
 *
 * <pre>{@code
 * Metric mae = new LossMetric("mae", new MeanAbsoluteError());
 * }</pre>
 */
public final class LossMetric extends Mean {
    private final Loss loss;

    public LossMetric(String name, Loss loss) {
        super(name);
        this.loss = loss.reduction(Reduction.NONE);
    }

    @Override
    protected Tensor values(Tensor yTrue, Tensor yPred) {
        return loss.call(yTrue, yPred);
    }
}
