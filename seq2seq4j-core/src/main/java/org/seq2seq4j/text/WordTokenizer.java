package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.seq2seq4j.ConfigException;

/**
 * Word-level tokens for any script: a word is a run of letters, marks and digits (an apostrophe ' or
 * ’ between two letters stays inside it: {@code don't}, {@code aujourd'hui}); every other visible
 * character (punctuation, symbols, emoji) is a token of its own, and so is every Han, Hiragana and
 * Katakana character, since Chinese and Japanese do not put spaces between words. Whitespace separates
 * tokens; all Unicode spaces count, including the no-break U+00A0 and the narrow no-break U+202F that
 * French puts before {@code ! ? : ;}.
 *
 * <p>Reversible spacing: when a single whitespace character other than U+0020 separates two tokens, it
 * is kept as the first character of the second token ({@code "Va\u202f!"} gives {@code [Va, \u202f!]}),
 * and with a {@link #joiner} every token that touches the previous one without space starts with the
 * joiner ({@code "l'homme!"} gives {@code [l'homme, ￭!]}). {@link #detokenize} puts a space between tokens
 * except before those. So with a joiner, {@code detokenize(tokenize(s)).equals(s)} whenever {@code s} has
 * no leading, trailing or repeated whitespace and is not lowercased. Defaults: no lowercasing, no joiner.
 *
 * <pre>{@code
 * WordTokenizer t = new WordTokenizer().lower(true);
 * t.tokenize("Größe: 3,5 m. Привет, 世界!");   // [größe, :, 3, ,, 5, m, ., привет, ,, 世, 界, !]
 * }</pre>
 */
public final class WordTokenizer implements TextTokenizer {
    private boolean lower;
    private String joiner;

    /** Lowercase (Unicode, locale-independent: {@code Ä -> ä}, {@code ß} stays) before splitting (default false). */
    public WordTokenizer lower(boolean lower) {
        this.lower = lower;
        return this;
    }

    /** Mark tokens glued to the previous one with this prefix, e.g. {@code "￭"}; null (default) marks nothing. */
    public WordTokenizer joiner(String joiner) {
        if (joiner != null && joiner.isEmpty()) {
            throw ConfigException.argument("WordTokenizer", "joiner", "null or a non-empty string", "\"\"");
        }
        this.joiner = joiner;
        return this;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        boolean glue = false;        // the next code point continues the current token whatever its class
        int space = -2;              // whitespace since the last token: -2 none yet, -1 none, 0 several, cp one
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (PyText.isSpace(cp)) {
                flush(out, cur);
                inWord = false;
                glue = false;
                space = space == -2 ? -2 : space == -1 ? cp : 0;
                i = next;
                continue;
            }
            boolean word = isWordChar(cp) || (inWord && isApostrophe(cp) && next < s.length()
                    && Character.isLetter(s.codePointAt(next)));
            boolean attach = glue || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.ENCLOSING_MARK || Character.getType(cp) == Character.FORMAT;
            if (cur.length() > 0 && (attach || (word && inWord && !isSingle(cp)))) {
                cur.appendCodePoint(cp);
            } else {
                boolean touching = cur.length() > 0;
                flush(out, cur);
                if (space > 0 && space != ' ') {
                    cur.appendCodePoint(space);
                } else if (touching && joiner != null) {
                    cur.append(joiner);
                }
                cur.appendCodePoint(cp);
                inWord = word && !isSingle(cp);
            }
            glue = cp == 0x200D;    // zero-width joiner: keeps emoji sequences whole
            space = -1;
            i = next;
        }
        flush(out, cur);
        return out;
    }

    private static void flush(List<String> out, StringBuilder cur) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.LETTER_NUMBER || Character.getType(cp) == Character.OTHER_NUMBER;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == 0x2019;
    }

    /** Han, Hiragana and Katakana characters are words of one character each. */
    private static boolean isSingle(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    @Override
    public String detokenize(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            if (joiner != null && t.startsWith(joiner)) {
                sb.append(t, joiner.length(), t.length());
            } else {
                if (sb.length() > 0 && !(t.length() > 0 && PyText.isSpace(t.codePointAt(0)))) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }

    @Override
    public String toJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("lower", lower);
        c.put("joiner", joiner);
        return Config.toJson("WordTokenizer", c);
    }

    static WordTokenizer fromConfig(Config c) {
        return new WordTokenizer().lower(c.bool("lower", false)).joiner(c.string("joiner"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordTokenizer t && t.lower == lower && Objects.equals(t.joiner, joiner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, joiner);
    }
}
