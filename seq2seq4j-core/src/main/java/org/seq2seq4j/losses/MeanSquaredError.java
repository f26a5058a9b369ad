package org.seq2seq4j.losses;

/**
 * Mean of squared differences over the last axis, as Keras {@code MeanSquaredError}
 * ({@code "mse"}, {@code "mean_squared_error"}).
 *
 * <pre>{@code
 * Tensor l = new MeanSquaredError().call(Tensor.of(new float[] {0, 1}, 1, 2), Tensor.of(new float[] {1, 1}, 1, 2));
 * // l.item() -> 0.5
 * }</pre>
 */
public final class MeanSquaredError extends ElementwiseLoss {
    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    double term(float t, float p) {
        double d = (double) p - t;
        return d * d;
    }

    @Override
    double termGradient(float t, float p) {
        return 2 * ((double) p - t);
    }
}
