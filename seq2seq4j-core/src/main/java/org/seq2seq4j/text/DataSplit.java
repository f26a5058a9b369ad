package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;

/**
 * A reproducible train/validation split: the items are shuffled with {@code seed}, then the first
 * {@code ceil(n * (1 - validationFraction))} go to training and the rest to validation (the sizes Keras's
 * {@code validation_split} gives; Keras takes the last samples unshuffled).
 *
 * <pre>{@code
 * DataSplit<String> s = DataSplit.of(List.of("a", "b", "c", "d", "e"), 0.2, 42);
 * // s.train().size() -> 4; s.validation().size() -> 1; same seed, same split
 * }</pre>
 *
 * @param train the training items
 * @param validation the validation items
 * @param <T> the item type
 */
public record DataSplit<T>(List<T> train, List<T> validation) {
    /** Compact constructor: keeps unmodifiable copies. */
    public DataSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** Splits {@code items}; {@code validationFraction} in [0, 1). */
    public static <T> DataSplit<T> of(List<T> items, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw ConfigException.argument("DataSplit", "validation_fraction", "in [0, 1)", validationFraction);
        }
        List<T> shuffled = new ArrayList<>(items);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {     // Fisher-Yates
            Collections.swap(shuffled, i, rnd.nextInt(i + 1));
        }
        int train = (int) Math.ceil(items.size() * (1.0 - validationFraction));
        return new DataSplit<>(shuffled.subList(0, train), shuffled.subList(train, shuffled.size()));
    }
}
