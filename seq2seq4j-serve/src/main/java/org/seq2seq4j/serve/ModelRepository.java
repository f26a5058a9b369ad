package org.seq2seq4j.serve;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The served models by name, fixed when the server starts: requests name a model, never a file.
 */
final class ModelRepository {
    private final Map<String, ModelEntry> entries = new LinkedHashMap<>();

    void add(ModelEntry entry) {
        if (entries.putIfAbsent(entry.name(), entry) != null) {
            throw org.seq2seq4j.ConfigException.argument("serve", "model name", "a name not used by another model",
                    entry.name());
        }
    }

    /** The model called {@code name}; an unknown name is a 404. */
    ModelEntry get(String name) {
        ModelEntry e = entries.get(name);
        if (e == null) {
            throw HttpError.notFound("no model '" + clip(name) + "'; this server has " + names());
        }
        return e;
    }

    Collection<ModelEntry> entries() {
        return entries.values();
    }

    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
