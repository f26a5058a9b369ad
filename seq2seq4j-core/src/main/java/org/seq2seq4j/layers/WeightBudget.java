package org.seq2seq4j.layers;

import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Shape;

/**
 * A limit on the weight values that layers may create on this thread while a model is built from
 * a file's config, so that a config asking for more than the file holds (a hostile or damaged
 * {@code "units": 2000000000}) fails before the weight is allocated. Loaders open one with the
 * number of values the file's weights hold; {@link Layer} charges every weight before creating it.
 *
 * <pre>{@code
 * try (WeightBudget b = WeightBudget.open("model.json", 60)) {
 *     new Dense(5).build(Shape.of(-1, 12));       // kernel (12, 5) + bias (5,) = 65 values: rejected
 * }
 * // ModelFormatException: model.json (weights): Dense 'dense' weight 'bias' of shape (5,) needs 5 values
 * // but the file's weights hold 60 values in all and 60 of them are taken by earlier weights
 * }</pre>
 */
public final class WeightBudget implements AutoCloseable {
    private static final ThreadLocal<WeightBudget> ACTIVE = new ThreadLocal<>();

    private final String source;
    private final long total;
    private final WeightBudget outer;
    private long used;

    private WeightBudget(String source, long total, WeightBudget outer) {
        this.source = source;
        this.total = total;
        this.outer = outer;
    }

    /** Limits the layers built on this thread to {@code values} weight values in all, until closed. */
    public static WeightBudget open(String source, long values) {
        WeightBudget b = new WeightBudget(source, values, ACTIVE.get());
        ACTIVE.set(b);
        return b;
    }

    /** Counts a weight against the active budget (if any); throws before anything is allocated. */
    static void charge(Layer layer, String weightName, Shape shape) {
        WeightBudget b = ACTIVE.get();
        if (b == null) {
            return;
        }
        long n = 1;
        for (int d : shape.dims()) {
            n = d <= 0 ? 0 : n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;     // saturates, never overflows
        }
        if (n > b.total - b.used) {
            throw new ModelFormatException(b.source, "weights", layer.describe() + " weight '" + weightName
                    + "' of shape " + shape + " needs " + n + " values but the file's weights hold " + b.total
                    + " values in all and " + b.used + " of them are taken by earlier weights; the config does not"
                    + " fit the weights");
        }
        b.used += n;
    }

    @Override
    public void close() {
        if (ACTIVE.get() == this) {
            if (outer == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(outer);
            }
        }
    }
}
