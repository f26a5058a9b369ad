package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;

/**
 * A fixed token list: index {@code i} stands for {@code token(i)}. Optional special tokens come first, in
 * the order pad, start, end, OOV, so a pad token gets index 0 (what {@code Embedding.maskZero} masks);
 * then the tokens of the data, most frequent first (ties: first seen first), or in code point order with
 * {@link Builder#sorted}, which is what the Keras lstm_seq2seq example does ({@code sorted(set(chars))}).
 * {@link Builder#minCount} drops rare tokens and {@link Builder#maxSize} caps the size (specials included).
 * Saved as JSON by {@link #toJson()}; {@link #fromJson} checks it before use.
 *
 * <pre>{@code
 * CharTokenizer chars = new CharTokenizer();
 * List<List<String>> data = List.of(chars.tokenize("abba"), chars.tokenize("cab"));
 * Vocabulary v = Vocabulary.builder().padToken("<pad>").oovToken("<unk>").build(data);
 * // v.tokens() -> [<pad>, <unk>, a, b, c]   (a and b: 3 times each, a seen first)
 * int[] ids = v.encode(chars.tokenize("abz"));   // [2, 3, 1]
 * Vocabulary same = Vocabulary.fromJson(v.toJson());
 * }</pre>
 */
public final class Vocabulary {
    private final List<String> tokens;
    private final Map<String, Integer> index;
    private final String padToken;
    private final String startToken;
    private final String endToken;
    private final String oovToken;

    private Vocabulary(List<String> tokens, Map<String, Integer> index, String pad, String start, String end,
            String oov) {
        this.tokens = List.copyOf(tokens);
        this.index = index;
        this.padToken = pad;
        this.startToken = start;
        this.endToken = end;
        this.oovToken = oov;
    }

    /**
     * Checks that the tokens are unique and hold every special token given, then builds the vocabulary;
     * a problem is reported to {@code error} as (argument, expected, received).
     */
    private static Vocabulary checked(List<String> tokens, String pad, String start, String end, String oov,
            Problem problem) {
        Map<String, Integer> index = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (index.put(tokens.get(i), i) != null) {
                throw problem.of("tokens[" + i + "]", "a token not seen before", Json.writeAscii(tokens.get(i)));
            }
        }
        String[][] specials = {{"pad_token", pad}, {"start_token", start}, {"end_token", end}, {"oov_token", oov}};
        for (String[] sp : specials) {
            if (sp[1] != null && !index.containsKey(sp[1])) {
                throw problem.of(sp[0], "one of the tokens", Json.writeAscii(sp[1]));
            }
        }
        return new Vocabulary(tokens, index, pad, start, end, oov);
    }

    /** How {@link #checked} reports a problem. */
    private interface Problem {
        RuntimeException of(String argument, String expected, String received);
    }

    /**
     * A vocabulary of exactly {@code tokens} in this order (e.g. the index files shipped with a Keras
     * model); each special token given must be one of them, the others null. Duplicates are a
     * {@link ConfigException}.
     */
    public static Vocabulary of(List<String> tokens, String padToken, String startToken, String endToken,
            String oovToken) {
        return checked(tokens, padToken, startToken, endToken, oovToken,
                (argument, expected, received) -> ConfigException.argument("Vocabulary", argument, expected, received));
    }

    /** A builder for a vocabulary learned from data. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of tokens, specials included. */
    public int size() {
        return tokens.size();
    }

    /** Every token in index order. */
    public List<String> tokens() {
        return tokens;
    }

    /** The token at {@code index}. */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw ConfigException.argument("Vocabulary", "index", "in [0, " + tokens.size() + ")", index);
        }
        return tokens.get(index);
    }

    /** The index of {@code token}, or -1 if it is not in the vocabulary. */
    public int indexOf(String token) {
        Integer i = index.get(token);
        return i == null ? -1 : i;
    }

    /** Whether {@code token} has an index. */
    public boolean contains(String token) {
        return index.containsKey(token);
    }

    /** The pad token, or null. */
    public String padToken() {
        return padToken;
    }

    /** The start-of-sequence token, or null. */
    public String startToken() {
        return startToken;
    }

    /** The end-of-sequence token, or null. */
    public String endToken() {
        return endToken;
    }

    /** The out-of-vocabulary token, or null. */
    public String oovToken() {
        return oovToken;
    }

    /** Index of the pad token, -1 if none. */
    public int padIndex() {
        return padToken == null ? -1 : index.get(padToken);
    }

    /** Index of the start token, -1 if none. */
    public int startIndex() {
        return startToken == null ? -1 : index.get(startToken);
    }

    /** Index of the end token, -1 if none. */
    public int endIndex() {
        return endToken == null ? -1 : index.get(endToken);
    }

    /** Index of the OOV token, -1 if none. */
    public int oovIndex() {
        return oovToken == null ? -1 : index.get(oovToken);
    }

    /**
     * The indices of {@code tokens}; an unknown token maps to the OOV index, and without an OOV token it is
     * a {@link ConfigException} naming it (set {@link Builder#oovToken} to accept unseen tokens).
     */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = index.get(tokens.get(i));
            if (id == null) {
                if (oovToken == null) {
                    throw ConfigException.argument("Vocabulary", "token " + i, "one of the " + size()
                            + " known tokens (no oov_token is set)", Json.writeAscii(tokens.get(i)));
                }
                id = index.get(oovToken);
            }
            out[i] = id;
        }
        return out;
    }

    /** {@link #encode} with the start token before and the end token after (each only if the vocabulary has it). */
    public int[] encodeWithStartEnd(List<String> tokens) {
        int[] body = encode(tokens);
        int s = startIndex() >= 0 ? 1 : 0;
        int[] out = new int[body.length + s + (endIndex() >= 0 ? 1 : 0)];
        if (s == 1) {
            out[0] = startIndex();
        }
        System.arraycopy(body, 0, out, s, body.length);
        if (endIndex() >= 0) {
            out[out.length - 1] = endIndex();
        }
        return out;
    }

    /**
     * The tokens of {@code ids} as a decoder output reads: pad and start tokens are left out, and the
     * end token ends the sequence (it is not included).
     */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            String t = token(id);
            if (t.equals(endToken)) {
                break;
            }
            if (!t.equals(padToken) && !t.equals(startToken)) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code {"class_name": "Vocabulary", "config": {"pad_token": ..., ..., "tokens": [...]}}}. */
    public String toJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pad_token", padToken);
        c.put("start_token", startToken);
        c.put("end_token", endToken);
        c.put("oov_token", oovToken);
        c.put("tokens", tokens);
        return Config.toJson("Vocabulary", c);
    }

    /**
     * The vocabulary saved by {@link #toJson()}. A damaged text (bad JSON, another class, duplicate tokens,
     * a special token missing from the list) is a {@link ModelFormatException} naming the JSON path.
     */
    public static Vocabulary fromJson(String json) {
        String source = "vocabulary JSON";
        Config c = Config.of(Json.readObject(json, source), source);
        if (!c.className().equals("Vocabulary")) {
            throw new ModelFormatException(source, "$.class_name", "expected Vocabulary but found " + c.className());
        }
        if (!(c.raw("tokens") instanceof List)) {
            throw c.error("tokens", "missing or not an array");
        }
        return checked(c.strings("tokens"), c.string("pad_token"), c.string("start_token"), c.string("end_token"),
                c.string("oov_token"), (argument, expected, received) -> c.error(argument,
                        "must be " + expected + " but was " + received));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens) && Objects.equals(v.padToken, padToken)
                && Objects.equals(v.startToken, startToken) && Objects.equals(v.endToken, endToken)
                && Objects.equals(v.oovToken, oovToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokens, padToken, startToken, endToken, oovToken);
    }

    @Override
    public String toString() {
        return "Vocabulary(" + size() + " tokens)";
    }

    /**
     * Learns a vocabulary from tokenized texts. Defaults: no special tokens, min count 1, no size limit,
     * frequency order.
     */
    public static final class Builder {
        private String pad;
        private String start;
        private String end;
        private String oov;
        private int minCount = 1;
        private int maxSize;
        private boolean sorted;

        private Builder() {
        }

        /** The padding token, given index 0 (default none). */
        public Builder padToken(String token) {
            pad = token;
            return this;
        }

        /** The start-of-sequence token (default none). */
        public Builder startToken(String token) {
            start = token;
            return this;
        }

        /** The end-of-sequence token (default none). */
        public Builder endToken(String token) {
            end = token;
            return this;
        }

        /** The token unknown tokens become (default none: unknown tokens are an error in {@link #encode}). */
        public Builder oovToken(String token) {
            oov = token;
            return this;
        }

        /** Keep only tokens seen at least this often (default 1). */
        public Builder minCount(int minCount) {
            if (minCount < 1) {
                throw ConfigException.argument("Vocabulary", "min_count", "at least 1", minCount);
            }
            this.minCount = minCount;
            return this;
        }

        /** At most this many tokens, specials included, keeping the most frequent; 0 (default) = no limit. */
        public Builder maxSize(int maxSize) {
            if (maxSize < 0) {
                throw ConfigException.argument("Vocabulary", "max_size", "0 (no limit) or positive", maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /** Order the data tokens by code point instead of by frequency (the cut by maxSize stays by frequency). */
        public Builder sorted(boolean sorted) {
            this.sorted = sorted;
            return this;
        }

        /** The vocabulary of {@code texts}, each a list of tokens. */
        public Vocabulary build(Iterable<? extends List<String>> texts) {
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (List<String> text : texts) {
                for (String t : text) {
                    counts.computeIfAbsent(t, k -> new int[1])[0]++;
                }
            }
            List<String> out = new ArrayList<>();
            for (String s : new String[] {pad, start, end, oov}) {
                if (s != null && !out.contains(s)) {
                    out.add(s);
                }
            }
            if (maxSize > 0 && maxSize < out.size()) {
                throw ConfigException.argument("Vocabulary", "max_size", "at least the " + out.size()
                        + " special tokens", maxSize);
            }
            List<Map.Entry<String, int[]>> entries = new ArrayList<>();
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                if (e.getValue()[0] >= minCount && !out.contains(e.getKey())) {
                    entries.add(e);
                }
            }
            entries.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));   // stable: ties keep order
            int room = maxSize > 0 ? maxSize - out.size() : entries.size();
            List<String> data = new ArrayList<>();
            for (int i = 0; i < Math.min(room, entries.size()); i++) {
                data.add(entries.get(i).getKey());
            }
            if (sorted) {
                data.sort(PyText::compare);
            }
            out.addAll(data);
            return Vocabulary.of(out, pad, start, end, oov);
        }
    }
}
