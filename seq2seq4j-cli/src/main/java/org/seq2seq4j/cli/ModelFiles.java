package org.seq2seq4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seq2seq4j.keras.KerasJson;
import org.seq2seq4j.keras.KerasModels;
import org.seq2seq4j.models.Model;

/**
 * Loads a model from any file the commands accept: a native {@code .s2s}, a Keras 3 {@code .keras},
 * a Keras 2 full-model {@code .h5}, a TF.js {@code model.json} (all with their weights), or a Keras
 * model JSON config alone (freshly initialised weights, for {@code summary}).
 *
 * <pre>{@code
 * Model m = ModelFiles.load(Path.of("model.s2s"));
 * }</pre>
 */
final class ModelFiles {
    private ModelFiles() {
    }

    static Model load(Path file) {
        return isConfigJson(file) ? KerasJson.load(file) : KerasModels.load(file);
    }

    /** A JSON object without {@code modelTopology}: a Keras model config rather than a TF.js model. */
    private static boolean isConfigJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c == '{' && !KerasJson.parse(file).has("modelTopology");
        } catch (IOException e) {
            return false;
        }
    }
}
