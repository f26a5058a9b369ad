package org.seq2seq4j.models;

import org.seq2seq4j.tensor.Tensor;

/**
 * The arguments of {@link Model#predict(Tensor, PredictOptions)}, with Keras's names and defaults:
 * {@code batch_size} 32, {@code verbose} 1. As in Keras, predict takes no sample weights (there is
 * no loss to weigh); the batch size changes speed and memory; the outputs agree up to float32 rounding.
 *
 * <pre>{@code
 * Tensor probabilities = model.predict(x, new PredictOptions().batchSize(256).verbose(0));
 * }</pre>
 */
public final class PredictOptions extends BatchOptions<PredictOptions> {
    public PredictOptions() {
        super("predict");
    }
}
