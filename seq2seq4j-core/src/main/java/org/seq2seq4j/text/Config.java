package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;

/**
 * A parsed {@code {"class_name": ..., "config": {...}}} object with typed getters whose errors name the
 * source and the JSON path of the bad entry.
 */
final class Config {
    private final String source;
    private final String className;
    private final Map<String, Object> config;

    private Config(String source, String className, Map<String, Object> config) {
        this.source = source;
        this.className = className;
        this.config = config;
    }

    @SuppressWarnings("unchecked")
    static Config of(Map<String, Object> root, String source) {
        if (!(root.get("class_name") instanceof String name)) {
            throw new ModelFormatException(source, "$.class_name", "missing or not a string");
        }
        if (!(root.get("config") instanceof Map<?, ?> config)) {
            throw new ModelFormatException(source, "$.config", "missing or not an object");
        }
        return new Config(source, name, (Map<String, Object>) config);
    }

    /** {@code {"class_name": name, "config": config}} as JSON. */
    static String toJson(String className, Map<String, Object> config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("class_name", className);
        root.put("config", config);
        return Json.writeAscii(root);
    }

    String className() {
        return className;
    }

    ModelFormatException error(String key, String problem) {
        return new ModelFormatException(source, "$.config." + key, problem);
    }

    boolean has(String key) {
        return config.get(key) != null;
    }

    Object raw(String key) {
        return config.get(key);
    }

    boolean bool(String key, boolean dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "expected true or false but found " + Json.writeAscii(v));
        }
        return b;
    }

    /** A string, or null if the key is absent or null. */
    String string(String key) {
        Object v = config.get(key);
        if (v != null && !(v instanceof String)) {
            throw error(key, "expected a string but found " + Json.writeAscii(v));
        }
        return (String) v;
    }

    /** An integer, or {@code dflt} if the key is absent or null. */
    Integer integer(String key, Integer dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Integer i)) {                  // the reader gives Long only beyond the int range
            throw error(key, "expected an integer but found " + Json.writeAscii(v));
        }
        return i;
    }

    /** A list of strings (absent: empty). */
    List<String> strings(String key) {
        Object v = config.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            throw error(key, "expected an array of strings but found " + Json.writeAscii(v));
        }
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s)) {
                throw error(key + "[" + i + "]", "expected a string but found " + Json.writeAscii(l.get(i)));
            }
            out.add(s);
        }
        return out;
    }
}
