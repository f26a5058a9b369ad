package org.seq2seq4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reading request bodies: strict JSON (one value, no trailing text, no duplicate keys, valid UTF-8),
 * and typed fields whose every problem is a 400 that names the field, what it should be and what
 * it was.
 */
final class JsonRequests {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonRequests() {
    }

    /** The body as a JSON object. */
    static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badRequest("the request needs a JSON body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("malformed JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object but was " + kind(node));
        }
        return (ObjectNode) node;
    }

    /** Rejects fields not in {@code allowed}, naming them. */
    static void allowOnly(JsonNode object, String where, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw HttpError.badRequest(where + " has unknown fields " + unknown + "; expected some of " + allowed);
        }
    }

    /** An integer field in [min, max], or {@code fallback} when absent or null. */
    static int integer(JsonNode object, String field, int fallback, int min, int max) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
            throw HttpError.badRequest("'" + field + "' must be an integer in [" + min + ", " + max + "] but was " + v);
        }
        return v.intValue();
    }

    /** A boolean field, or {@code fallback} when absent or null. */
    static boolean bool(JsonNode object, String field, boolean fallback) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw HttpError.badRequest("'" + field + "' must be true or false but was " + v);
        }
        return v.booleanValue();
    }

    /** A string field, or null when absent or null. */
    static String string(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw HttpError.badRequest("'" + field + "' must be a string but was " + kind(v));
        }
        return v.textValue();
    }

    /** A required array field. */
    static JsonNode array(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || !v.isArray()) {
            throw HttpError.badRequest("'" + field + "' must be an array but was " + (v == null ? "missing" : kind(v)));
        }
        return v;
    }

    /** An optional object field (null when absent). */
    static JsonNode objectField(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw HttpError.badRequest("'" + field + "' must be an object but was " + kind(v));
        }
        return v;
    }

    /**
     * The texts of a request: strings, at least one, at most {@code maxTexts}, each non-empty and within
     * the length limit.
     */
    static List<String> texts(List<JsonNode> values, String field, int maxTexts, int maxLength) {
        if (values.isEmpty() || values.size() > maxTexts) {
            throw HttpError.badRequest("'" + field + "' must hold 1 to " + maxTexts + " texts but held "
                    + values.size());
        }
        List<String> texts = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (!v.isTextual()) {
                throw HttpError.badRequest(field + "[" + i + "] must be a string but was " + kind(v));
            }
            String t = v.textValue();
            if (t.isBlank()) {
                throw HttpError.badRequest(field + "[" + i + "] is empty");
            }
            if (t.codePointCount(0, t.length()) > maxLength) {
                throw HttpError.badRequest(field + "[" + i + "] has " + t.codePointCount(0, t.length())
                        + " characters; at most " + maxLength + " are accepted (--max-text-length)");
            }
            texts.add(t);
        }
        return texts;
    }

    /** How a JSON value is described in messages. */
    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code {"error": message}}. */
    static byte[] error(String message) {
        return bytes(MAPPER.createObjectNode().put("error", message));
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
