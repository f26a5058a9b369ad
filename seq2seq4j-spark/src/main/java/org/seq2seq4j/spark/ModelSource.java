package org.seq2seq4j.spark;

import java.io.Serializable;
import java.util.UUID;
import org.seq2seq4j.io.Models;
import org.seq2seq4j.models.Model;

/**
 * How executors get their own copy of a model: from a native {@code .s2s} file ({@link #file}, the
 * same file as on one machine, compiled with its loss and optimizer) or built in code
 * ({@link #of}). {@link #load} runs on an executor, and the
 * instances it gives are kept for the executor JVM's life (by {@link #key}), so a model is loaded
 * once per executor and task slot, not once per task. A source is serialized into every task:
 * keep it small (a factory, a path, a broadcast handle).
 *
 * <pre>{@code
 * ModelSource saved = ModelSource.file(SharedFile.broadcast(sc, file));   // a native .s2s model file
 * ModelSource source = ModelSource.of(() -> {
 *     Sequential m = new Sequential().add(new Dense(4).inputShape(3));
 *     m.compile("adam", "mse");
 *     return m;
 * });
 * }</pre>
 */
public interface ModelSource extends Serializable {
    /** What names this source's model in executor caches; two sources of different models differ. */
    String key();

    /** A new instance of the model, built and (for training) compiled with its loss and optimizer. */
    Model load();

    /** Builds a model in code; serialized into the tasks, so it should capture nothing large. */
    @FunctionalInterface
    interface Factory extends Serializable {
        Model create();
    }

    /** The model of a native {@code .s2s} file (broadcast or on a shared path), loaded by {@code Models.load}. */
    static ModelSource file(SharedFile file) {
        if (file == null) {
            throw org.seq2seq4j.ConfigException.argument("ModelSource", "file", "a SharedFile of a .s2s model", null);
        }
        return new ModelSource() {
            private static final long serialVersionUID = 1L;

            @Override
            public String key() {
                return "file:" + file.key();
            }

            @Override
            public Model load() {
                return file.read(Models::load);
            }

            @Override
            public String toString() {
                return "the model file " + file.name();
            }
        };
    }

    /** A model built in code by {@code factory} on every executor (each call gets a new key). */
    static ModelSource of(Factory factory) {
        if (factory == null) {
            throw org.seq2seq4j.ConfigException.argument("ModelSource", "factory", "a function building the model",
                    null);
        }
        String key = "code:" + UUID.randomUUID();
        return new ModelSource() {
            private static final long serialVersionUID = 1L;

            @Override
            public String key() {
                return key;
            }

            @Override
            public Model load() {
                return factory.create();
            }

            @Override
            public String toString() {
                return "a model built in code (" + key + ")";
            }
        };
    }
}
