package org.seq2seq4j.serve;

import java.nio.file.Path;
import java.util.Locale;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.keras.KerasModels;

/**
 * The model files the server reads: the native {@code .s2s}, Keras 3 {@code .keras}, Keras 2
 * {@code .h5} and TF.js {@code model.json}, served as {@link KerasTensorModel tensor models}. A model's
 * default name is its file name without the extension.
 *
 * <pre>{@code
 * ServedModel m = ServedModels.load(Path.of("models/dates.keras"));
 * String name = ServedModels.defaultName(Path.of("models/dates.keras"));     // "dates"
 * }</pre>
 */
public final class ServedModels {
    private ServedModels() {
    }

    /** Loads the model in {@code file}, by its extension. */
    public static ServedModel load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".s2s") || name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".json")) {
            return KerasTensorModel.of(KerasModels.load(file));
        }
        throw ConfigException.argument("serve", "model file", "a .s2s, .keras, .h5 or TF.js model.json file", file);
    }

    /** The file name without its last extension ({@code dates.keras} is {@code dates}). */
    public static String defaultName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
