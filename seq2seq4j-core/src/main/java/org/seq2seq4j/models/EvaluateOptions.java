package org.seq2seq4j.models;

import org.seq2seq4j.tensor.Tensor;

/**
 * The arguments of {@link Model#evaluate(Tensor, Tensor, EvaluateOptions)}, with Keras's names and
 * defaults: {@code batch_size} 32, {@code verbose} 1, no {@code sample_weight}. The loss of each
 * batch is reduced as the compiled loss says (Keras 3 {@code sum_over_batch_size}: the weighted sum
 * divided by the number of entries, not by the sum of the weights), and the result is the mean of
 * the batch losses weighted by their sizes, as Keras's loss tracker keeps it; metrics use the same
 * weights.
 *
 * <pre>{@code
 * Map<String, Double> scores = model.evaluate(x, y,
 *         new EvaluateOptions().batchSize(64).sampleWeight(w).verbose(0));
 * double loss = scores.get("loss");
 * }</pre>
 */
public final class EvaluateOptions extends BatchOptions<EvaluateOptions> {
    Tensor sampleWeight;

    public EvaluateOptions() {
        super("evaluate");
    }

    /** Per-sample weights {@code (samples,)} or per-timestep weights {@code (samples, timesteps)}; null for none. */
    public EvaluateOptions sampleWeight(Tensor w) {
        sampleWeight = w;
        return this;
    }
}
