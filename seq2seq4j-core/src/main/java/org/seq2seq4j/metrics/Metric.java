package org.seq2seq4j.metrics;

import java.util.Objects;
import org.seq2seq4j.tensor.Tensor;

/**
 * A Keras 3 metric: state accumulated over batches by {@link #update}, read by {@link #result},
 * cleared by {@link #reset} (Keras calls it at the start of each epoch).
 *
 * <pre>{@code
 * Metric acc = Metrics.get("accuracy", new SparseCategoricalCrossentropy());
 * acc.update(yTrue, yPred, null, mask);      // per batch
 * double value = acc.result();               // accuracy over the valid timesteps seen so far
 * acc.reset();
 * }</pre>
 */
public abstract class Metric {
    private final String name;

    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The name shown in logs and history, e.g. {@code "accuracy"}. */
    public String name() {
        return name;
    }

    /**
     * Adds one batch. {@code sampleWeight} and {@code mask} (1 = valid) may be null; masked
     * entries do not count.
     */
    public abstract void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor mask);

    /** The value over everything since the last reset (0 before any update). */
    public abstract double result();

    /** Clears the state. */
    public abstract void reset();

    @Override
    public String toString() {
        return getClass().getSimpleName() + " '" + name + "' = " + result();
    }
}
