package org.seq2seq4j.spark;

import java.io.Serializable;
import java.util.UUID;

/**
 * How executors get their {@link SentenceTranslator}: {@link #load} runs once per executor JVM
 * (the instance is kept by {@link #key} and shared by that executor's tasks). A source is
 * serialized into every task, so it holds handles ({@link SharedFile}s, settings), not models.
 *
 * <pre>{@code
 * SharedFile file = SharedFile.broadcast(sc, modelFile);
 * TranslatorSource source = TranslatorSource.of(() -> load(file.local()));   // load: a translator from its file
 * }</pre>
 */
public interface TranslatorSource extends Serializable {
    /** What names this source's translator in executor caches. */
    String key();

    /** A new translator (called once per executor JVM). */
    SentenceTranslator load();

    /** Builds a translator on the executor; serialized into the tasks. */
    @FunctionalInterface
    interface Factory extends Serializable {
        SentenceTranslator create();
    }

    /** A translator made by {@code factory} on every executor (each call gets a new key). */
    static TranslatorSource of(Factory factory) {
        if (factory == null) {
            throw org.seq2seq4j.ConfigException.argument("TranslatorSource", "factory",
                    "a function building the translator", null);
        }
        String key = "code:" + UUID.randomUUID();
        return new TranslatorSource() {
            private static final long serialVersionUID = 1L;

            @Override
            public String key() {
                return key;
            }

            @Override
            public SentenceTranslator load() {
                return factory.create();
            }

            @Override
            public String toString() {
                return "a translator built in code (" + key + ")";
            }
        };
    }
}
