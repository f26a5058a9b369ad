package org.seq2seq4j.io;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.LayerConfig;

/**
 * The JSON of the native format's entries, written and read for {@link LayerConfig} trees without a
 * JSON library (core has none at compile scope). Objects become {@code LayerConfig}s (keys in file
 * order), arrays {@code List}s, numbers {@code Integer}, {@code Long} or, with a fraction or exponent,
 * {@code Double}; {@code true}/{@code false}/{@code null} as such. Doubles are written in the shortest
 * form that reads back to the same value, so configs round-trip exactly. Keras 2's hard sigmoid
 * (kept typed in configs) is written as the registered function {@link LayerConfig#keras2HardSigmoid()}, the
 * form Keras 3 reads as a custom activation. Python's {@code NaN}/{@code Infinity} are read and written.
 *
 * <p>Reading is strict (one value, no trailing data, no duplicate keys, valid UTF-8, nesting at most
 * {@value #MAX_DEPTH} deep) and a problem is a {@link ModelFormatException} naming the byte, line
 * and column.
 *
 * <pre>{@code
 * String text = Json.write(new LayerConfig().put("units", 4).put("rate", 0.1));   // {"units": 4, "rate": 0.1}
 * LayerConfig back = (LayerConfig) Json.parse(text.getBytes(UTF_8), "config.json");
 * }</pre>
 */
public final class Json {
    /** How deep arrays and objects may nest. */
    static final int MAX_DEPTH = 256;
    private Json() {
    }

    /** The JSON text of a config tree ({@code ", "} and {@code ": "} separators, as Python's json.dumps). */
    public static String write(Object value) {
        return new Writer(false).write(value).toString();
    }

    /**
     * As {@link #write}, with every character outside printable ASCII written as a {@code \\uXXXX}
     * escape: Python's {@code json.dumps} default ({@code ensure_ascii}), as Keras writes tokenizer JSON.
     */
    public static String writeAscii(Object value) {
        return new Writer(true).write(value).toString();
    }

    /** Appends values as JSON; {@code ascii} escapes every character outside printable ASCII. */
    private static final class Writer {
        private final StringBuilder b = new StringBuilder();
        private final boolean ascii;

        Writer(boolean ascii) {
            this.ascii = ascii;
        }

        @Override
        public String toString() {
            return b.toString();
        }

        Writer write(Object v) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof LayerConfig c) {
                object(c.asMap());
            } else if (v instanceof Map<?, ?> m) {
                object(m);
            } else if (v instanceof List<?> l) {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ", ");
                    write(l.get(i));
                }
                b.append(']');
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                    || v instanceof Byte) {
                b.append(v);
            } else if (v instanceof Double || v instanceof Float) {
                number((Number) v);
            } else if (v == ActivationFunction.HARD_SIGMOID_KERAS2) {
                object(LayerConfig.keras2HardSigmoid().asMap());
            } else if (v instanceof ActivationFunction a) {
                string(a.kerasName());
            } else {
                throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON: " + v);
            }
            return this;
        }

        private void object(Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ");
                first = false;
                string(String.valueOf(e.getKey()));
                b.append(": ");
                write(e.getValue());
            }
            b.append('}');
        }

        private void number(Number v) {
            double d = v.doubleValue();
            if (Double.isNaN(d)) {
                b.append("NaN");
            } else if (Double.isInfinite(d)) {
                b.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                b.append(v instanceof Float f ? Float.toString(f) : Double.toString(d));
            }
        }

        private void string(String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> {
                        if (c < 0x20 || ascii && c > 0x7e) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }

    /** The value of a JSON document; {@code source} names it in messages. */
    public static Object parse(byte[] utf8, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, "document", "not valid UTF-8 text", e);
        }
        return read(new Reader(text, source, false));
    }

    /**
     * The value of a JSON text with objects as insertion-ordered {@code Map}s rather than
     * {@link LayerConfig}s (numbers and the strictness as {@link #parse}).
     */
    public static Object read(String text, String source) {
        return read(new Reader(text, source, true));
    }

    /** As {@link #read}, for a text that must hold one JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text, String source) {
        Object v = read(text, source);
        if (!(v instanceof Map)) {
            throw new ModelFormatException(source, "document", "expected a JSON object but found " + write(v));
        }
        return (Map<String, Object>) v;
    }

    private static Object read(Reader r) {
        r.space();
        Object v = r.value(0);
        r.space();
        if (r.pos < r.s.length()) {
            throw r.fail("unexpected text after the JSON value");
        }
        return v;
    }

    /** A recursive-descent reader over the text, tracking the position for messages. */
    private static final class Reader {
        private final String s;
        private final String source;
        private final boolean plain;
        private int pos;

        Reader(String s, String source, boolean plain) {
            this.s = s;
            this.source = source;
            this.plain = plain;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw fail("nested deeper than " + MAX_DEPTH + " levels");
            }
            if (pos >= s.length()) {
                throw fail("unexpected end of the document");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                case 'N':
                    return literal("NaN", Double.NaN);
                case 'I':
                    return literal("Infinity", Double.POSITIVE_INFINITY);
                default:
                    if (c == '-' && s.startsWith("-Infinity", pos)) {
                        return literal("-Infinity", Double.NEGATIVE_INFINITY);
                    }
                    if (c == '-' || c >= '0' && c <= '9') {
                        return number();
                    }
                    throw fail("unexpected character '" + printable(c) + "'");
            }
        }

        private Object object(int depth) {
            pos++;
            Map<String, Object> members = new LinkedHashMap<>();
            space();
            if (peek('}')) {
                pos++;
                return plain ? members : LayerConfig.of(members);
            }
            while (true) {
                space();
                if (!peek('"')) {
                    throw fail("expected a string key");
                }
                int at = pos;
                String key = string();
                if (members.containsKey(key)) {
                    pos = at;
                    throw fail("duplicate key \"" + key + "\"");
                }
                space();
                expect(':');
                space();
                members.put(key, value(depth + 1));
                space();
                if (peek(',')) {
                    pos++;
                } else {
                    expect('}');
                    return plain ? members : LayerConfig.of(members);
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> out = new ArrayList<>();
            space();
            if (peek(']')) {
                pos++;
                return out;
            }
            while (true) {
                space();
                out.add(value(depth + 1));
                space();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(']');
                    return out;
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw fail("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw fail("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw fail("unterminated string");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> b.append(unicode());
                    default -> {
                        pos -= 2;
                        throw fail("bad escape '\\" + printable(e) + "'");
                    }
                }
            }
        }

        private char unicode() {
            if (pos + 4 > s.length()) {
                throw fail("incomplete \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    throw fail("bad \\u escape");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private Object number() {
            int start = pos;
            boolean fraction = false;
            if (peek('-')) {
                pos++;
            }
            if (!digits()) {
                throw fail("expected a digit");
            }
            if (peek('.')) {
                fraction = true;
                pos++;
                if (!digits()) {
                    throw fail("expected a digit after the decimal point");
                }
            }
            if (peek('e') || peek('E')) {
                fraction = true;
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                if (!digits()) {
                    throw fail("expected a digit in the exponent");
                }
            }
            String t = s.substring(start, pos);
            if (!fraction) {
                try {
                    long l = Long.parseLong(t);
                    return l == (int) l ? (Object) (int) l : (Object) l;
                } catch (NumberFormatException e) {
                    // a whole number beyond 64 bits is kept as a double, as Python's json would give a float
                }
            }
            return Double.parseDouble(t);
        }

        private boolean digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            return pos > start;
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw fail("unexpected text; expected " + word);
            }
            pos += word.length();
            return v;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw fail(pos >= s.length() ? "unexpected end of the document; expected '" + c + "'"
                        : "expected '" + c + "' but found '" + printable(s.charAt(pos)) + "'");
            }
            pos++;
        }

        void space() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r'
                    || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private static String printable(char c) {
            return c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
        }

        ModelFormatException fail(String problem) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            int bytes = s.substring(0, Math.min(pos, s.length())).getBytes(StandardCharsets.UTF_8).length;
            return new ModelFormatException(source, "byte " + bytes + " (line " + line + ", column " + col + ")",
                    "not valid JSON: " + problem);
        }
    }
}
