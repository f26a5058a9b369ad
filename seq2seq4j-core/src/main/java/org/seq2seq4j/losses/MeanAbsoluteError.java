package org.seq2seq4j.losses;

/**
 * Mean of absolute differences over the last axis, as Keras {@code MeanAbsoluteError}
 * ({@code "mae"}, {@code "mean_absolute_error"}); the gradient at a tie is 0.
 *
 * <pre>{@code
 * Tensor l = new MeanAbsoluteError().call(Tensor.of(new float[] {0, 1}, 1, 2), Tensor.of(new float[] {2, 1}, 1, 2));
 * // l.item() -> 1.0
 * }</pre>
 */
public final class MeanAbsoluteError extends ElementwiseLoss {
    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    double term(float t, float p) {
        return Math.abs((double) p - t);
    }

    @Override
    double termGradient(float t, float p) {
        return Math.signum((double) p - t);
    }
}
