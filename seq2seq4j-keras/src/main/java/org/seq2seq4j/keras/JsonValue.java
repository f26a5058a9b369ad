package org.seq2seq4j.keras;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.LayerConfig;

/**
 * A value inside a parsed JSON file together with its file name and JSON pointer, so that every
 * check can fail with a {@link ModelFormatException} that says where. Objects are mutable
 * {@code Map<String, Object>}, arrays {@code List<Object>}, numbers {@code Integer}/{@code Long}/
 * {@code Double}; a missing member is a value of {@code null}.
 *
 * <pre>{@code
 * JsonValue root = JsonValue.parse(bytes, "model.json");
 * String cls = root.get("modelTopology").get("class_name").string();  // "Sequential"
 * // a wrong type fails as: model.json (/modelTopology/class_name): expected a string but found 3
 * }</pre>
 */
record JsonValue(String file, String pointer, Object value) {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.dumps writes NaN/Infinity
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The root object of a JSON file; a missing or unreadable file is a {@link ModelFormatException}. */
    static JsonValue read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toString(), "document", "file not found", e);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "document", "cannot read: " + e, e);
        }
        return parse(bytes, file.toString());
    }

    /** The root object of a JSON document; a syntax error names the byte, line and column. */
    static JsonValue parse(byte[] json, String file) {
        Object root;
        try {
            root = MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "document" : "byte " + at.getByteOffset() + " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")";
            throw new ModelFormatException(file, where, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file, "document", "cannot read: " + e.getMessage(), e);
        }
        JsonValue v = new JsonValue(file, "", root);
        v.object();
        return v;
    }

    /** A config tree as plain mutable JSON values: configs become maps, lists are copied. */
    static Object plain(Object v) {
        if (v instanceof LayerConfig c) {
            Map<String, Object> m = new LinkedHashMap<>();
            c.asMap().forEach((k, x) -> m.put(k, plain(x)));
            return m;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }

    /** The member {@code key} of this object (a value of null when absent). */
    JsonValue get(String key) {
        return new JsonValue(file, pointer + "/" + escape(key), object().get(key));
    }

    /** The members of this array, each with its own pointer. */
    List<JsonValue> items() {
        List<Object> list = list();
        List<JsonValue> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new JsonValue(file, pointer + "/" + i, list.get(i)));
        }
        return out;
    }

    boolean isNull() {
        return value == null;
    }

    boolean isObject() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object() {
        if (!isObject()) {
            throw error("expected a JSON object but found " + describe());
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    List<Object> list() {
        if (!isList()) {
            throw error("expected a JSON array but found " + describe());
        }
        return (List<Object>) value;
    }

    String string() {
        if (!(value instanceof String s)) {
            throw error("expected a string but found " + describe());
        }
        return s;
    }

    /** This string, or {@code dflt} when the value is absent or not a string. */
    String stringOr(String dflt) {
        return value instanceof String s ? s : dflt;
    }

    /** A whole number in {@code [min, Integer.MAX_VALUE]}. */
    int integer(int min) {
        if (!(value instanceof Integer i) || i < min) {
            throw error("expected an integer >= " + min + " but found " + describe());
        }
        return i;
    }

    /** A {@link ModelFormatException} at this value's location. */
    ModelFormatException error(String problem) {
        return new ModelFormatException(file, pointer.isEmpty() ? "/" : pointer, problem);
    }

    private String describe() {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (value instanceof Map || value instanceof List) {
            return value instanceof Map ? "an object" : "an array";
        }
        return value.toString();
    }

    /** JSON pointer escaping (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
