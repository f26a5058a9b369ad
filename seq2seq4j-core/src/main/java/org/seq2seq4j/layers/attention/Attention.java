package org.seq2seq4j.layers.attention;

import java.util.Locale;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Dot-product (Luong) attention with Keras 3 semantics: {@code scores = query·keyᵀ} (times the
 * scalar {@code scale} with {@link #useScale}), softmax over the value axis, output
 * {@code weights·value}. With {@code score_mode="concat"} the score is
 * {@code concat_score_weight · Σ tanh(scale · (query + key))} over the features instead.
 * Inputs, masks and outputs are described in {@link BaseDenseAttention}.
 *
 * <p>Weights (Keras names, in this order): {@code scale ()} initialised to 1 when use_scale;
 * {@code concat_score_weight ()} initialised to 1 in concat mode. Defaults: use_scale false,
 * score_mode "dot", dropout 0. The whole call is one fused tape op with a hand-written backward.
 *
 * <pre>{@code
 * Attention att = new Attention().returnAttentionScores(true);
 * Tensor query = Tensor.random(Shape.of(2, 3, 4), 1);     // (batch, Tq, dim)
 * Tensor value = Tensor.random(Shape.of(2, 5, 4), 2);     // (batch, Tv, dim)
 * Tensor[] out = att.apply(query, value);                  // [output, scores]
 * // out[0].shape() -> (2, 3, 4); out[1].shape() -> (2, 3, 5)
 * }</pre>
 */
public final class Attention extends BaseDenseAttention<Attention> {
    /** Keras's {@code score_mode}. */
    public enum ScoreMode {
        /** {@code query·keyᵀ}. */
        DOT,
        /** {@code Σ tanh(query + key)} over the features. */
        CONCAT;

        /** The Keras spelling, {@code "dot"} or {@code "concat"}. */
        public String kerasName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode Keras names {@code name}; anything else is a {@link ConfigException}. */
        public static ScoreMode fromKerasName(String name) {
            for (ScoreMode m : values()) {
                if (m.kerasName().equals(name)) {
                    return m;
                }
            }
            throw ConfigException.argument("Attention", "score_mode", "one of {'dot', 'concat'}",
                    name == null ? null : "'" + name + "'");
        }
    }

    private static final Set<String> KEYS = Set.of("score_mode");

    private ScoreMode scoreMode = ScoreMode.DOT;
    private Variable scale;
    private Variable concatScoreWeight;

    /** Dot-product attention without scale, as Keras's {@code Attention()}. */
    public Attention() {
        super(false);
    }

    public ScoreMode scoreMode() {
        return scoreMode;
    }

    /** How scores are computed (default DOT). */
    public Attention scoreMode(ScoreMode m) {
        checkNotBuilt("scoreMode");
        if (m == null) {
            throw ConfigException.argument(className(), "score_mode", "one of {'dot', 'concat'}", null);
        }
        scoreMode = m;
        return this;
    }

    @Override
    protected void doBuild(Shape query) {
        if (useScale()) {
            scale = addWeight("scale", Shape.scalar(), Initializers.ones());
        }
        if (scoreMode == ScoreMode.CONCAT) {
            concatScoreWeight = addWeight("concat_score_weight", Shape.scalar(), Initializers.ones());
        }
    }

    @Override
    ScoreFunction scoreFunction() {
        return scoreMode == ScoreMode.DOT ? DotScore.INSTANCE : TanhScore.INSTANCE;
    }

    @Override
    Tensor[] scoreWeights() {
        Tensor s = scale == null ? null : scale.read();
        if (scoreMode == ScoreMode.DOT) {
            return new Tensor[] {s};
        }
        return new Tensor[] {s, null, concatScoreWeight.read()};
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("score_mode", scoreMode.kerasName());
    }

    /** The layer a Keras 3 or Keras 2 {@code Attention} config describes; unknown keys are a {@link ConfigException}. */
    public static Attention fromConfig(LayerConfig c) {
        Attention a = new Attention().scoreMode(ScoreMode.fromKerasName(c.getString("score_mode", "dot")));
        return applyConfig(a, c, false, KEYS);
    }
}
