package org.seq2seq4j.keras;

import java.util.Map;
import java.util.function.Supplier;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.WeightBudget;
import org.seq2seq4j.models.Model;

/**
 * Runs the building of a model from a file's config with the user's {@link CustomObjects} active
 * and, when the file's weights are known, a {@link WeightBudget} of their value count, so a config
 * that asks for more weights than the file holds fails before anything is allocated. Models nested
 * as layers ({@code Sequential}, {@code Functional}, {@code Model} entries inside a model) are built
 * by this module's readers.
 *
 * <pre>{@code
 * Model m = ImportScope.build(custom, "s2s.h5", 13_840, () -> ModelConfig.of(json, null).build());
 * }</pre>
 */
final class ImportScope {
    private static final CustomObjects NESTED_MODELS = new CustomObjects()
            .layer("Sequential", c -> nested("Sequential", c))
            .layer("Functional", c -> nested("Functional", c))
            .layer("Model", c -> nested("Model", c));

    private ImportScope() {
    }

    /** Builds with {@code custom} (may be null) active and at most {@code values} weight values (negative: any). */
    static <T> T build(CustomObjects custom, String source, long values, Supplier<T> build) {
        CustomObjects objects = custom == null ? new CustomObjects() : custom;
        try (CustomObjects.Scope models = NESTED_MODELS.enter(); CustomObjects.Scope s = objects.enter();
                WeightBudget b = WeightBudget.open(source, values < 0 ? Long.MAX_VALUE : values)) {
            return build.get();
        }
    }

    /** A model nested as a layer, from the config core hands over. */
    private static Model nested(String className, LayerConfig config) {
        JsonValue entry = new JsonValue("nested model '" + config.getString("name", "?") + "'", "",
                Map.of("class_name", className, "config", JsonValue.plain(config)));
        return ModelConfig.of(entry, null).build();
    }
}
