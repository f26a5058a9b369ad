package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Character-level tokens, as the Keras lstm_seq2seq example uses: each Unicode code point is one token
 * (a character outside the BMP, such as an emoji, stays whole), whitespace included, so
 * {@code detokenize(tokenize(s)).equals(s)} for every string unless {@link #lower} is set.
 *
 * <pre>{@code
 * CharTokenizer t = new CharTokenizer();
 * List<String> tokens = t.tokenize("Va\u202f!");    // [V, a, \u202f, !]
 * String s = t.detokenize(tokens);                   // "Va\u202f!"
 * }</pre>
 */
public final class CharTokenizer implements TextTokenizer {
    private boolean lower;

    /** Lowercase (Unicode, locale-independent) before splitting (default false). */
    public CharTokenizer lower(boolean lower) {
        this.lower = lower;
        return this;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); ) {
            int n = Character.charCount(s.codePointAt(i));
            out.add(s.substring(i, i + n));
            i += n;
        }
        return out;
    }

    @Override
    public String detokenize(List<String> tokens) {
        return String.join("", tokens);
    }

    @Override
    public String toJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("lower", lower);
        return Config.toJson("CharTokenizer", c);
    }

    static CharTokenizer fromConfig(Config c) {
        return new CharTokenizer().lower(c.bool("lower", false));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharTokenizer t && t.lower == lower;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(lower);
    }
}
