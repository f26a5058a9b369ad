package org.seq2seq4j.layers.attention;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.FluentLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * What {@link Attention} and {@link AdditiveAttention} share (Keras 2 called it
 * {@code BaseDenseAttention}): inputs {@code [query, value]} or {@code [query, value, key]},
 * query {@code (batch, Tq, dim)}, value {@code (batch, Tv, value_dim)}, key {@code (batch, Tv, dim)}
 * (the value when absent); more leading batch axes are allowed, as in Keras. Output
 * {@code (batch, Tq, value_dim)}, plus the attention weights {@code (batch, Tq, Tv)} (after masking,
 * softmax and dropout) with {@link #returnAttentionScores}. The subclass supplies the score.
 *
 * <p>Masks, as Keras's {@code mask=[query_mask, value_mask]}, go through
 * {@link #call(CallContext, Tensor[], Tensor...)}: 1 = keep, 0 = masked, shapes {@code (batch, Tq)}
 * and {@code (batch, Tv)}. A masked value gets {@code score − 1e9} before the softmax (Keras 3);
 * a masked query gets an output row of zeros. The plain {@code call(ctx, inputs)} reads
 * {@link CallContext#mask()} as the query mask (the mask that travels with the first input) and
 * the second of {@link CallContext#inputMasks()}, when a functional graph sets them, as the value mask.
 * The layer's output mask is the query mask ({@link #computeMask}).
 *
 * <p>{@code return_attention_scores} and {@code use_causal_mask} are call arguments in Keras
 * (stored with the call, not in the layer config); here they are options of the layer that apply
 * to every call and stay out of {@link #getConfig()}.
 *
 * <pre>{@code
 * Attention att = new Attention();
 * Tensor q = Tensor.random(Shape.of(2, 3, 4), 1), v = Tensor.random(Shape.of(2, 5, 4), 2);
 * Tensor valueMask = Tensor.of(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, 2, 5);  // first value has 3 steps
 * Tensor out = att.call(CallContext.inference(), new Tensor[] {null, valueMask}, q, v)[0];
 * // out.shape() -> (2, 3, 4); out row (0, i) mixes only value steps 0..2
 * }</pre>
 *
 * @param <L> the concrete layer, so fluent setters keep its type
 */
public abstract class BaseDenseAttention<L extends BaseDenseAttention<L>> extends FluentLayer<L> {
    /** Config keys every attention layer reads besides its own. */
    private static final Set<String> BASE_KEYS = Set.of("name", "trainable", "dtype", "use_scale", "dropout", "seed",
            "causal");
    private static final String LAYOUT = "(batch, Tq, dim)";

    private boolean useScale;
    private double dropout;
    private Long seed;
    private SplittableRandom seeded;
    private boolean returnAttentionScores;
    private boolean useCausalMask;

    BaseDenseAttention(boolean useScale) {
        this.useScale = useScale;
    }

    /** Whether the layer has a trainable {@code scale} weight. */
    public boolean useScale() {
        return useScale;
    }

    /** Creates the trainable {@code scale} weight (defaults: false for Attention, true for AdditiveAttention). */
    public L useScale(boolean b) {
        checkNotBuilt("useScale");
        useScale = b;
        return self();
    }

    public double dropout() {
        return dropout;
    }

    /** Fraction of the attention weights dropped in training calls, in [0, 1) (default 0). */
    public L dropout(double rate) {
        checkNotBuilt("dropout");
        if (!(rate >= 0 && rate < 1)) {
            throw ConfigException.argument(className(), "dropout", "in [0, 1)", rate);
        }
        dropout = rate;
        return self();
    }

    /** Fixes the dropout stream (Keras's {@code seed}); without it, the call's or the layer's stream is used. */
    public L seed(long s) {
        checkNotBuilt("seed");
        seed = s;
        return self();
    }

    public boolean returnAttentionScores() {
        return returnAttentionScores;
    }

    /** Also return the attention weights: outputs become {@code [output, scores]} (a Keras call argument). */
    public L returnAttentionScores(boolean b) {
        returnAttentionScores = b;
        return self();
    }

    public boolean useCausalMask() {
        return useCausalMask;
    }

    /** Query step {@code i} attends only to value steps {@code j <= i} (a Keras call argument, for decoder self-attention). */
    public L useCausalMask(boolean b) {
        useCausalMask = b;
        return self();
    }

    /** The score of this layer, applied to query and key. */
    abstract ScoreFunction scoreFunction();

    /** The score function's weight slots, read for the tape (null where the layer has none). */
    abstract Tensor[] scoreWeights();

    @Override
    protected void checkInput(Shape query) {
        requireMinRank(query, 3, LAYOUT);
    }

    /**
     * Calls the layer with Keras's masks: {@code masks} is null or {@code [query_mask, value_mask]}
     * (a third entry, Keras's key mask, is accepted and ignored as Keras does); entries may be null.
     * {@code inputs} are {@code [query, value]} or {@code [query, value, key]}.
     */
    public final Tensor[] call(CallContext ctx, Tensor[] masks, Tensor... inputs) {
        checkInputCount(inputs);
        if (masks != null && (masks.length < 2 || masks.length > 3)) {
            throw new Seq2SeqException(describe() + " expects masks [query_mask, value_mask] but got "
                    + masks.length + " mask(s)");
        }
        build(inputs[0].shape());
        checkInput(inputs[0].shape());
        return attend(ctx, inputs, masks == null ? null : masks[0], masks == null ? null : masks[1]);
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        checkInputCount(inputs);
        Tensor[] masks = ctx.inputMasks();
        return attend(ctx, inputs, ctx.mask(), masks != null && masks.length > 1 ? masks[1] : null);
    }

    private Tensor[] attend(CallContext ctx, Tensor[] inputs, Tensor queryMask, Tensor valueMask) {
        Tensor query = inputs[0];
        Tensor value = inputs[1];
        Tensor key = inputs.length > 2 ? inputs[2] : value;
        AttentionDims d = dims(query.shape(), value.shape(), key.shape());
        checkMask("query_mask", queryMask, query.shape(), "(batch, Tq)");
        checkMask("value_mask", valueMask, value.shape(), "(batch, Tv)");
        AttentionOp op = new AttentionOp(d, scoreFunction(), queryMask == null ? null : queryMask.data(),
                valueMask == null ? null : valueMask.data(), useCausalMask, dropoutKeep(ctx, d.batch() * d.tq() * d.tv()));
        Tensor[] weights = scoreWeights();
        Tensor[] opInputs = new Tensor[3 + weights.length];
        opInputs[0] = query;
        opInputs[1] = value;
        opInputs[2] = key;
        System.arraycopy(weights, 0, opInputs, 3, weights.length);
        Tensor[] out = Tape.apply(op, opInputs);
        return returnAttentionScores ? out : new Tensor[] {out[0]};
    }

    private void checkInputCount(Tensor[] inputs) {
        boolean nulls = false;
        for (Tensor t : inputs) {
            nulls |= t == null;
        }
        if (inputs.length < 2 || inputs.length > 3 || nulls) {
            throw new ShapeException(describe(), "inputs [query, value] or [query, value, key]",
                    inputs.length == 0 || inputs[0] == null ? Shape.scalar() : inputs[0].shape(),
                    inputs.length + " input tensor(s) were given" + (nulls ? ", some null" : ""));
        }
    }

    /** Checks value and key against the query and returns the sizes, batch axes flattened. */
    private AttentionDims dims(Shape q, Shape v, Shape k) {
        int rank = q.rank();
        Shape batchAxes = q.take(rank - 2);
        if (v.rank() != rank || !v.take(rank - 2).equals(batchAxes)) {
            throw new ShapeException(describe() + " value", "shape (batch, Tv, value_dim) with the query's batch axes "
                    + batchAxes + ", query " + q, v);
        }
        Shape expectedKey = v.withLast(q.last());
        if (!k.equals(expectedKey)) {
            throw new ShapeException(describe() + " key", "shape " + expectedKey
                    + " (batch, Tv, dim): the value's batch and Tv, the query's dim " + q.last(), k);
        }
        int batch = batchAxes.size();
        return new AttentionDims(batch, q.dim(-2), v.dim(-2), q.last(), v.last());
    }

    private void checkMask(String which, Tensor mask, Shape input, String layout) {
        if (mask != null && !mask.shape().equals(input.take(input.rank() - 1))) {
            throw new ShapeException(describe() + " " + which, "shape " + layout + " = "
                    + input.take(input.rank() - 1), mask.shape());
        }
    }

    /** Dropout multipliers for a training call (0 or 1/(1 − rate)), or null when nothing is dropped. */
    private float[] dropoutKeep(CallContext ctx, int n) {
        if (!ctx.training() || dropout == 0) {
            return null;
        }
        SplittableRandom r = stream(ctx);
        float kept = (float) (1 / (1 - dropout));
        float[] keep = new float[n];
        for (int i = 0; i < n; i++) {
            keep[i] = r.nextDouble() < dropout ? 0f : kept;
        }
        return keep;
    }

    private SplittableRandom stream(CallContext ctx) {
        if (seed == null) {
            return ctx.random() != null ? ctx.random() : random();
        }
        if (seeded == null) {
            seeded = new SplittableRandom(seed);
        }
        return seeded;
    }

    /** The output mask: the query mask, as Keras. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor queryMask) {
        return queryMask;
    }

    /**
     * From the query shape alone: {@code (batch, Tq, None)}, since the output's last axis is the
     * value's; use {@link #computeOutputShapes(List)} with all input shapes for the full answer.
     */
    @Override
    public Shape computeOutputShape(Shape query) {
        requireMinRank(query, 3, LAYOUT);
        return query.withLast(Shape.UNKNOWN);
    }

    /** As {@link #computeOutputShape(Shape)}, plus the scores {@code (batch, Tq, None)} with return_attention_scores. */
    @Override
    public List<Shape> computeOutputShapes(Shape query) {
        Shape out = computeOutputShape(query);
        return returnAttentionScores ? List.of(out, out) : List.of(out);
    }

    /**
     * Output shapes for {@code [query, value]} or {@code [query, value, key]} shapes (Keras's
     * {@code compute_output_shape} on a list): {@code (batch, Tq, value_dim)}, plus
     * {@code (batch, Tq, Tv)} with return_attention_scores.
     */
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() < 2 || inputShapes.size() > 3) {
            throw new ShapeException(describe(), "input shapes [query, value] or [query, value, key]",
                    inputShapes.isEmpty() ? Shape.scalar() : inputShapes.get(0),
                    inputShapes.size() + " shape(s) were given");
        }
        Shape q = inputShapes.get(0);
        Shape v = inputShapes.get(1);
        requireMinRank(q, 3, LAYOUT);
        Shape out = q.withLast(v.last());
        return returnAttentionScores ? List.of(out, q.withLast(v.dim(-2))) : List.of(out);
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("use_scale", useScale).put("dropout", dropout).put("seed", seed);
    }

    /**
     * Applies the shared Keras config keys to {@code layer}: {@code use_scale} (default
     * {@code defaultScale}), {@code dropout}, {@code seed}, Keras 2's {@code causal} (becomes
     * {@link #useCausalMask}) and the base keys. Keys outside these and {@code ownKeys} are a
     * {@link ConfigException}.
     */
    static <L extends BaseDenseAttention<L>> L applyConfig(L layer, LayerConfig c, boolean defaultScale,
                                                          Set<String> ownKeys) {
        String cls = layer.className();
        Set<String> unknown = new TreeSet<>();
        for (String k : c.keys()) {
            if (!BASE_KEYS.contains(k) && !ownKeys.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.argument(cls, "config", "made of Keras " + cls + " arguments", "unknown keys " + unknown);
        }
        layer.useScale(c.getBool(cls, "use_scale", defaultScale)).dropout(c.getDouble(cls, "dropout", 0))
                .useCausalMask(c.getBool(cls, "causal", false));
        Object s = c.get("seed");
        if (s != null) {
            if (!(s instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw ConfigException.argument(cls, "seed", "an integer or null", s);
            }
            layer.seed(n.longValue());
        }
        return applyBase(layer, c);
    }
}
