package org.seq2seq4j.metrics;

/**
 * How often {@code y_pred > threshold} (default 0.5) matches the 0/1 label, as Keras
 * {@code BinaryAccuracy}.
 *
 * <pre>{@code
 * Metric acc = new BinaryAccuracy();
 * acc.update(Tensor.of(new float[] {1, 0}, 2, 1), Tensor.of(new float[] {0.7f, 0.5f}, 2, 1), null, null);
 * // acc.result() -> 1.0  (0.5 is not above the threshold)
 * }</pre>
 */
public final class BinaryAccuracy extends Accuracy {
    private final float threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5f);
    }

    public BinaryAccuracy(String name, float threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    protected float predicted(float p) {
        return p > threshold ? 1 : 0;
    }
}
