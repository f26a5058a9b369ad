package org.seq2seq4j.serve;

import java.nio.file.Path;

/**
 * Turns a model file into a {@link ServedModel}; {@link ServedModels#load} is the server's default.
 * A damaged file is a {@link org.seq2seq4j.ModelFormatException}, and the model served before stays.
 *
 * <pre>{@code
 * ModelLoader loader = ServedModels::load;
 * ServedModel m = loader.load(Path.of("model.keras"));
 * }</pre>
 */
@FunctionalInterface
public interface ModelLoader {
    ServedModel load(Path file);
}
