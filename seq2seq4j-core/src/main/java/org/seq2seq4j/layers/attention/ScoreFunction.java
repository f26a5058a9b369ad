package org.seq2seq4j.layers.attention;

import org.seq2seq4j.tensor.Tensor;

/**
 * How an attention layer turns query {@code (batch, tq, dim)} and key {@code (batch, tv, dim)}
 * into scores {@code (batch, tq, tv)}, and the gradients of that map. Weights come in fixed
 * slots, null when the layer has none there; gradients are added, never assigned, and a null
 * gradient array means that input needs none.
 */
interface ScoreFunction {
    /** Number of weight slots this function reads after query, value and key. */
    int weightSlots();

    /** Writes the scores (every element). */
    void forward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] scores);

    /** Adds d scores / d (q, k, weights) · {@code dScores} into {@code dq}, {@code dk} and {@code dW}. */
    void backward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] dScores,
                  float[] dq, float[] dk, Tensor[] dW);
}
