package org.seq2seq4j.keras;

import java.util.function.Supplier;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.WeightBudget;

/**
 * Runs the building of a model from a file's config with the user's {@link CustomObjects} active
 * and, when the file's weights are known, a {@link WeightBudget} of their value count, so a config
 * that asks for more weights than the file holds fails before anything is allocated.
 *
 * <pre>{@code
 * Model m = ImportScope.build(custom, "s2s.h5", 13_840, () -> ModelConfig.of(json, null).build());
 * }</pre>
 */
final class ImportScope {
    private ImportScope() {
    }

    /** Builds with {@code custom} (may be null) active and at most {@code values} weight values (negative: no limit). */
    static <T> T build(CustomObjects custom, String source, long values, Supplier<T> build) {
        CustomObjects objects = custom == null ? new CustomObjects() : custom;
        try (CustomObjects.Scope s = objects.enter();
                WeightBudget b = WeightBudget.open(source, values < 0 ? Long.MAX_VALUE : values)) {
            return build.get();
        }
    }
}
