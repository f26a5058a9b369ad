package org.seq2seq4j.layers.attention;

import java.util.Set;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Additive (Bahdanau) attention with Keras 3 semantics: {@code scores = Σ_d scale_d ·
 * tanh(query_d + key_d)} for every query/key pair, softmax over the value axis, output
 * {@code weights·value}. Inputs, masks and outputs are described in {@link BaseDenseAttention}.
 *
 * <p>Weight (Keras name): {@code scale (dim,)}, glorot_uniform, when use_scale (the default);
 * without it every feature counts 1. Defaults: use_scale true, dropout 0. The whole call is one
 * fused tape op with a hand-written backward.
 *
 * <pre>{@code
 * AdditiveAttention att = new AdditiveAttention();
 * Tensor query = Tensor.random(Shape.of(2, 3, 4), 1);     // (batch, Tq, dim)
 * Tensor value = Tensor.random(Shape.of(2, 5, 4), 2);     // (batch, Tv, dim)
 * Tensor out = att.apply(query, value);                 // (2, 3, 4)
 * // att.getWeights().get(0).shape() -> (4,)
 * }</pre>
 */
public final class AdditiveAttention extends BaseDenseAttention<AdditiveAttention> {
    private Variable scale;

    /** Additive attention with a learned scale, as Keras's {@code AdditiveAttention()}. */
    public AdditiveAttention() {
        super(true);
    }

    @Override
    protected void checkInput(Shape query) {
        super.checkInput(query);
        if (scale != null && query.last() != scale.shape().dim(0)) {
            throw new ShapeException(describe(), "query with " + scale.shape().dim(0)
                    + " features on the last axis (batch, Tq, " + scale.shape().dim(0) + "), as when it was built", query);
        }
    }

    @Override
    protected void doBuild(Shape query) {
        if (useScale()) {
            scale = addWeight("scale", Shape.of(query.last()), Initializers.glorotUniform());
        }
    }

    @Override
    ScoreFunction scoreFunction() {
        return TanhScore.INSTANCE;
    }

    @Override
    Tensor[] scoreWeights() {
        return new Tensor[] {null, scale == null ? null : scale.read(), null};
    }

    /** The layer a Keras 3 or Keras 2 {@code AdditiveAttention} config describes; unknown keys are a {@link ConfigException}. */
    public static AdditiveAttention fromConfig(LayerConfig c) {
        return applyConfig(new AdditiveAttention(), c, true, Set.of());
    }
}
