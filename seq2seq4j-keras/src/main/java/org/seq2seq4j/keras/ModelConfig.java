package org.seq2seq4j.keras;

import java.util.List;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.Cells;
import org.seq2seq4j.models.Model;

/**
 * A Keras model entry read from a file: {@link SequentialConfig} for {@code "Sequential"},
 * {@link FunctionalConfig} for {@code "Functional"} and Keras 2's {@code "Model"}. A model entry may
 * also stand as a layer inside another model (a nested model); the importers build it through
 * {@link ImportScope}.
 *
 * <pre>{@code
 * ModelConfig c = ModelConfig.of(JsonValue.read(Path.of("model.json")), null);
 * Model model = c.build();            // c.format() -> KERAS_2, c.missingLayerClasses() -> []
 * }</pre>
 */
interface ModelConfig {
    /** Keras class names of models, which may be nested as layers. */
    List<String> MODEL_CLASSES = List.of("Sequential", "Functional", "Model");

    /** True for a layer class {@link Layers} knows, a nested model class, a cell class {@link Cells}
     * knows and Keras's stack of RNN cells (read by RNN). */
    static boolean isKnown(String className) {
        return MODEL_CLASSES.contains(className) || className.equals("StackedRNNCells") || Cells.isKnown(className)
                || Layers.isKnown(className);
    }

    /** The entry's reader, chosen by its {@code class_name}; {@code generatedBy} is a TF.js file's field (or null). */
    static ModelConfig of(JsonValue model, String generatedBy) {
        String cls = model.get("class_name").string();
        if (cls.equals("Functional") || cls.equals("Model")) {
            return FunctionalConfig.of(model, generatedBy);
        }
        return SequentialConfig.of(model, generatedBy);
    }

    /** Which Keras wrote the entry. */
    KerasFormat format();

    /** Layer classes used by the model that core does not register, in order of appearance. */
    List<String> missingLayerClasses();

    /** The model with the file's semantics applied and freshly initialised weights. */
    Model build();
}
