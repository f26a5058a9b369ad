package org.seq2seq4j.metrics;

import org.seq2seq4j.losses.SampleWeights;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Weighted mean of values over batches, as Keras {@code Mean}; the base of the accuracy
 * metrics (Keras's {@code MeanMetricWrapper}). Per batch, a subclass gives one value per entry;
 * values are averaged within each sample, then each sample counts with its weight: without
 * weights, {@code total += sum of per-sample means}, {@code count += batch}; with a sample weight
 * or mask (a masked entry weighs 0), both sums are weighted the same way, so masked timesteps do
 * not count. A scalar sample weight weighs the whole batch once, as in Keras.
 * {@link #update(Tensor, Tensor, Tensor, Tensor)} on a plain Mean averages the values in
 * {@code yPred} ({@code yTrue} is not used); {@link #update(double, double)} adds one value,
 * as Keras's loss tracker does with the batch size as weight.
 *
 * <pre>{@code
 * Mean loss = new Mean("loss");
 * loss.update(0.5, 32);
 * loss.update(0.25, 16);
 * // loss.result() -> (0.5*32 + 0.25*16) / 48 = 0.41667
 * }</pre>
 */
public class Mean extends Metric {
    private double total;
    private double count;

    public Mean() {
        this("mean");
    }

    public Mean(String name) {
        super(name);
    }

    /** Adds {@code value} with weight {@code weight}. */
    public void update(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    @Override
    public final void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor mask) {
        Tensor values = values(yTrue, yPred);
        Shape entries = values.shape();
        int n = entries.size();
        float[] v = values.data();
        int batch = entries.rank() == 0 ? 1 : entries.dim(0);
        int perSample = batch == 0 ? 1 : n / batch;
        if (sampleWeight != null && sampleWeight.size() == 1 && sampleWeight.rank() == 0 && mask == null) {
            update(sum(v, null) / Math.max(1, n), sampleWeight.item());
            return;
        }
        float[] w = mask == null ? null : SampleWeights.expand(describe(), "mask", mask, entries);
        if (w != null) {
            for (int i = 0; i < n; i++) {
                w[i] = w[i] != 0 ? 1 : 0;
            }
        }
        if (sampleWeight != null) {
            float[] s = SampleWeights.expand(describe(), "sample_weight", sampleWeight, entries);
            if (w == null) {
                w = s;
            } else {
                for (int i = 0; i < n; i++) {
                    w[i] *= s[i];
                }
            }
        }
        total += sum(v, w) / perSample;
        count += w == null ? batch : sum(w, null) / perSample;
    }

    private static double sum(float[] v, float[] w) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += w == null ? v[i] : (double) v[i] * w[i];
        }
        return s;
    }

    /**
     * One value per entry, e.g. 1/0 per timestep for an accuracy; its shape must start with the
     * batch axis. A plain Mean returns {@code yPred} itself.
     */
    protected Tensor values(Tensor yTrue, Tensor yPred) {
        return yPred;
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    /** Class and name for messages, e.g. {@code "SparseCategoricalAccuracy 'accuracy'"}. */
    protected String describe() {
        return getClass().getSimpleName() + " '" + name() + "'";
    }
}
