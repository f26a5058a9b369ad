package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Randomly zeroes a fraction {@code rate} of the inputs during training and scales the rest by
 * {@code 1 / (1 - rate)} (inverted dropout), so inference is the identity. No weights.
 *
 * <pre>{@code
 * Dropout d = new Dropout(0.5);
 * Tensor x = Tensor.random(Shape.of(4, 8), 1);
 * Tensor same = d.apply(x);                       // inference: returns x unchanged
 * }</pre>
 */
public final class Dropout extends FluentLayer<Dropout> {
    private final double rate;
    private Long seed;
    private java.util.SplittableRandom seeded;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw ConfigException.argument("Dropout", "rate", "in [0, 1)", rate);
        }
        this.rate = rate;
    }

    /** Fixes the dropout stream (Keras's {@code seed}). */
    public Dropout seed(long s) {
        checkNotBuilt("seed");
        this.seed = s;
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Tensor x = inputs[0];
        if (!ctx.training() || rate == 0) {
            return new Tensor[] {x};
        }
        java.util.SplittableRandom r = stream(ctx);
        float[] keep = new float[x.size()];
        float scale = (float) (1 / (1 - rate));
        for (int i = 0; i < keep.length; i++) {
            keep[i] = r.nextDouble() < rate ? 0f : scale;
        }
        return new Tensor[] {Ops.scale(x, keep)};
    }

    /** The layer's own seeded stream if a seed was set, else the call's, else the layer default. */
    private java.util.SplittableRandom stream(CallContext ctx) {
        if (seed != null) {
            if (seeded == null) {
                seeded = new java.util.SplittableRandom(seed);
            }
            return seeded;
        }
        return ctx.random() != null ? ctx.random() : random();
    }

    @Override
    public LayerConfig getConfig() {
        LayerConfig c = super.getConfig().put("rate", rate);
        return seed != null ? c.put("seed", seed) : c;
    }

    /** The layer a Keras config describes. */
    public static Dropout fromConfig(LayerConfig c) {
        Dropout d = new Dropout(c.getDouble("Dropout", "rate", 0));
        if (c.has("seed")) {
            d.seed(c.getInt("Dropout", "seed", 0));
        }
        return applyBase(d, c);
    }
}
