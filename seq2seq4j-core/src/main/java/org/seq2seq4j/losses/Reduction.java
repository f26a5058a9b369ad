package org.seq2seq4j.losses;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * How a {@link Loss} turns per-entry values into its result, as Keras 3's {@code reduction}:
 * {@code none} keeps them, {@code sum} adds them, {@code sum_over_batch_size} (default) and
 * {@code mean} divide the weighted sum by the NUMBER OF ENTRIES, {@code mean_with_sample_weight}
 * by the sum of the sample weights.
 *
 * <pre>{@code
 * Loss l = new MeanSquaredError().reduction(Reduction.SUM);
 * // Reduction.fromKeras("sum_over_batch_size") -> SUM_OVER_BATCH_SIZE; Reduction.fromKeras(null) -> NONE
 * }</pre>
 */
public enum Reduction {
    NONE, SUM, SUM_OVER_BATCH_SIZE, MEAN, MEAN_WITH_SAMPLE_WEIGHT;

    /** The Keras spelling, e.g. {@code "sum_over_batch_size"}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From the Keras spelling; {@code null} means {@link #NONE} as in Keras. */
    public static Reduction fromKeras(String name) {
        if (name == null) {
            return NONE;
        }
        for (Reduction r : values()) {
            if (r.kerasName().equals(name)) {
                return r;
            }
        }
        throw ConfigException.argument("Loss", "reduction",
                "one of none, sum, sum_over_batch_size, mean, mean_with_sample_weight", "'" + name + "'");
    }
}
