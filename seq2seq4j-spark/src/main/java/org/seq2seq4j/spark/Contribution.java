package org.seq2seq4j.spark;

import java.io.Serializable;

/**
 * What one partition sends back for one synchronous step, summed by the tree aggregation: the
 * gradients times the shard's sample count (or, when averaging, the weights and optimizer slots
 * times it), the summed loss, the sample count and the most local optimizer steps taken.
 */
final class Contribution implements Serializable {
    private static final long serialVersionUID = 1L;

    float[][] values;
    float[][] state;
    double lossSum;
    long samples;
    int steps;

    /** Nothing: the zero of the aggregation. */
    static Contribution empty() {
        return new Contribution();
    }

    /** {@code values} and {@code state} (may be null) already scaled by {@code samples}. */
    static Contribution of(float[][] values, float[][] state, double lossSum, long samples, int steps) {
        Contribution c = new Contribution();
        c.values = values;
        c.state = state;
        c.lossSum = lossSum;
        c.samples = samples;
        c.steps = steps;
        return c;
    }

    /** Adds {@code o} into this one (Spark may reuse the first argument of an aggregation) and returns the sum. */
    Contribution add(Contribution o) {
        if (o.samples == 0) {
            return this;
        }
        if (samples == 0) {
            return o;
        }
        addInto(values, o.values);
        if (state != null) {
            addInto(state, o.state);
        }
        lossSum += o.lossSum;
        samples += o.samples;
        steps = Math.max(steps, o.steps);
        return this;
    }

    private static void addInto(float[][] into, float[][] more) {
        for (int v = 0; v < into.length; v++) {
            float[] a = into[v];
            float[] b = more[v];
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }
    }
}
