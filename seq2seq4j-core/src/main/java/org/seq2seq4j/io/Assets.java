package org.seq2seq4j.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.seq2seq4j.ConfigException;

/**
 * Named byte entries saved with a model in its native file, for what is not a weight: vocabularies,
 * tokenizer settings, decoding settings. Names are relative paths of letters, digits, {@code . _ -}
 * separated by {@code /} (no empty, {@code .} or {@code ..} part), at most {@value #MAX_NAME}
 * characters, e.g. {@code vocabulary/source.json}; the file keeps each under {@code assets/<name>}.
 *
 * <pre>{@code
 * model.assets().put("vocabulary/source.json", "[\"<pad>\", \"a\", \"b\"]".getBytes(UTF_8));
 * model.save(Path.of("model.s2s"));
 * byte[] vocab = Models.load(Path.of("model.s2s")).assets().get("vocabulary/source.json");
 * }</pre>
 */
public final class Assets {
    /** Longest name. */
    public static final int MAX_NAME = 200;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]+");

    private final TreeMap<String, byte[]> entries = new TreeMap<>();

    /** Stores a copy of {@code bytes} under {@code name}, replacing an earlier entry of that name. */
    public Assets put(String name, byte[] bytes) {
        checkName(name);
        if (bytes == null) {
            throw ConfigException.argument("Assets", "bytes of '" + name + "'", "an array (empty is fine)", null);
        }
        entries.put(name, bytes.clone());
        return this;
    }

    /** A copy of the entry's bytes, or null when there is none. */
    public byte[] get(String name) {
        byte[] b = entries.get(name);
        return b == null ? null : b.clone();
    }

    /** Removes an entry; true when there was one. */
    public boolean remove(String name) {
        return entries.remove(name) != null;
    }

    /** The names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Throws a {@link ConfigException} unless {@code name} is a valid asset name. */
    public static void checkName(String name) {
        if (!isValidName(name)) {
            throw ConfigException.argument("Assets", "name", "a relative path of letters, digits and . _ - parts"
                    + " separated by / (no '.' or '..' part), at most " + MAX_NAME + " characters", name == null
                    ? null : "'" + name + "'");
        }
    }

    /** True for a valid asset name. */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        return Arrays.stream(name.split("/", -1)).allMatch(p -> PART.matcher(p).matches() && !p.equals(".")
                && !p.equals(".."));
    }

    @Override
    public String toString() {
        return "Assets" + entries.keySet();
    }
}
