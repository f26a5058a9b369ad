package org.seq2seq4j.losses;

import java.util.Objects;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A Keras 3 loss. A subclass computes one value per entry (the last axis of {@code y_pred} is
 * reduced: features for MSE, classes for crossentropy) and its gradient; this class weighs the
 * entries and reduces them as Keras's {@code reduce_weighted_values}: a sample weight multiplies
 * each entry (scalar, {@code (batch,)}, {@code (batch, 1)} or {@code (batch, timesteps)}); a mask
 * (1 = valid) becomes the weight {@code total/valid} on valid entries (0 elsewhere) for
 * {@code sum_over_batch_size}/{@code mean}, and 1/0 for the other reductions; then
 * {@code sum_over_batch_size} divides the weighted sum by the number of entries, so a masked mean
 * is the mean over valid entries. The result passes through the tape as one op whose backward
 * gives {@code d loss / d y_pred}; {@code y_true}, weights and mask get no gradient.
 *
 * <pre>{@code
 * Loss loss = new SparseCategoricalCrossentropy();
 * Tensor value = loss.call(ids, probabilities, null, mask);   // ids (batch, time), probabilities (batch, time, classes)
 * // value.shape() -> (); value.item() = mean crossentropy over the valid timesteps
 * }</pre>
 */
public abstract class Loss {
    /** Keras's {@code backend.epsilon()} as float32, and {@code 1 - epsilon} evaluated in float32. */
    protected static final float EPSILON = 1e-7f;
    protected static final float ONE_MINUS_EPSILON = (float) (1.0 - 1e-7);

    private String name;
    private Reduction reduction = Reduction.SUM_OVER_BATCH_SIZE;

    protected Loss(String name) {
        this.name = name;
    }

    /** The Keras name, e.g. {@code "mean_squared_error"}. */
    public String name() {
        return name;
    }

    void name(String n) {
        this.name = Objects.requireNonNull(n, "name");
    }

    public Reduction reduction() {
        return reduction;
    }

    /** Sets the reduction (default {@code sum_over_batch_size}). */
    public Loss reduction(Reduction r) {
        this.reduction = Objects.requireNonNull(r, "reduction");
        return this;
    }

    /** The loss without weights or mask. */
    public Tensor call(Tensor yTrue, Tensor yPred) {
        return call(yTrue, yPred, null, null);
    }

    /**
     * The weighted, reduced loss: a scalar, or the per-entry values with {@link Reduction#NONE}.
     *
     * @param sampleWeight null, a scalar, or per sample / per timestep weights
     * @param mask null or 1/0 per entry, e.g. {@code (batch, timesteps)} from an Embedding with mask_zero
     */
    public Tensor call(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor mask) {
        return Tape.apply1(op(yTrue, yPred, sampleWeight, mask), yPred);
    }

    /** The tape op of one call, with weights and divisor resolved (not yet run). */
    LossOp op(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor mask) {
        Shape entries = entryShape(yTrue.shape(), yPred.shape());
        float[] w = null;
        if (mask != null) {
            w = maskWeights(SampleWeights.expand(describe(), "mask", mask, entries), mask.size());
        }
        if (sampleWeight != null) {
            float[] s = SampleWeights.expand(describe(), "sample_weight", sampleWeight, entries);
            if (w == null) {
                w = s;
            } else {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= s[i];
                }
            }
        }
        double divisor = switch (reduction) {
            case NONE, SUM -> 1;
            case SUM_OVER_BATCH_SIZE, MEAN -> entries.size();
            case MEAN_WITH_SAMPLE_WEIGHT -> mask != null ? sum(w) : sampleWeight != null ? sum(sampleWeight.data()) : entries.size();
        };
        return new LossOp(this, yTrue, w, divisor, entries);
    }

    /** Keras apply_mask: valid entries weigh total/valid (mean reductions) or 1, masked ones 0. */
    private float[] maskWeights(float[] m, int total) {
        int valid = 0;
        for (float x : m) {
            valid += x != 0 ? 1 : 0;
        }
        boolean mean = reduction == Reduction.SUM_OVER_BATCH_SIZE || reduction == Reduction.MEAN;
        float weight = !mean ? 1f : valid == 0 ? 0f : (float) total / valid;
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] != 0 ? weight : 0f;
        }
        return m;
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float x : a) {
            s += x;
        }
        return s;
    }

    /**
     * The shape of the per-entry values for these inputs, e.g. {@code (batch, timesteps)} for
     * {@code y_pred (batch, timesteps, classes)}; a {@link ShapeException} when they do not fit.
     */
    protected abstract Shape entryShape(Shape yTrue, Shape yPred);

    /** Number of {@code y_true} values per entry given {@code n} predictions per entry (1 for sparse ids). */
    protected int trueWidth(int n) {
        return n;
    }

    /** The loss of one entry: {@code y_true} at {@code t[tOff..]}, {@code n} predictions at {@code p[pOff..]}. */
    protected abstract double entry(float[] t, int tOff, float[] p, int pOff, int n);

    /** Adds {@code coef * d entry / d p} to {@code g[gOff..gOff+n)}. */
    protected abstract void entryGradient(float[] t, int tOff, float[] p, int pOff, int n, double coef, float[] g, int gOff);

    /** Loss-specific config keys (from_logits, label_smoothing, ...). */
    protected void addConfig(LayerConfig c) {
    }

    /** The Keras config: {@code name}, {@code reduction} and the loss's own options. */
    public LayerConfig getConfig() {
        LayerConfig c = new LayerConfig().put("name", name).put("reduction", reduction.kerasName());
        addConfig(c);
        return c;
    }

    /** Class and name for messages, e.g. {@code "MeanSquaredError 'mse'"}. */
    public String describe() {
        return getClass().getSimpleName() + " '" + name + "'";
    }

    /** {@link #alignedShape} without its last axis: one entry per row of {@code y_pred}. */
    protected final Shape alignedEntries(Shape yTrue, Shape yPred) {
        Shape common = alignedShape(describe(), yTrue, yPred);
        return common.take(common.rank() - 1);
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank} for {@code y_true} and {@code y_pred} of the
     * same meaning: equal shapes, or one with an extra trailing axis of 1, which is squeezed away
     * (or added to a rank-1 partner). Returns the common shape; {@link ShapeException} naming
     * {@code subject} otherwise.
     */
    public static Shape alignedShape(String subject, Shape yTrue, Shape yPred) {
        Shape common = null;
        if (yTrue.equals(yPred)) {
            common = yPred;
        } else if (yTrue.rank() == yPred.rank() + 1 && yTrue.last() == 1 && yTrue.take(yPred.rank()).equals(yPred)) {
            common = yPred.rank() == 1 ? yTrue : yPred;    // expand a rank-1 y_pred, else squeeze y_true
        } else if (yPred.rank() == yTrue.rank() + 1 && yPred.last() == 1 && yPred.take(yTrue.rank()).equals(yTrue)) {
            common = yTrue.rank() == 1 ? yPred : yTrue;    // expand a rank-1 y_true, else squeeze y_pred
        }
        if (common == null || common.rank() == 0) {
            throw new ShapeException(subject, "y_pred of rank >= 1 with the shape of y_true " + yTrue
                    + " (or with one extra trailing axis of 1)", yPred);
        }
        return common;
    }
}
