package org.seq2seq4j.text;

/**
 * sacreBLEU's {@code intl} tokenizer (mteval-v14 international) as three left-to-right passes over the
 * code points, each equal to one of sacreBLEU's substitutions (non-overlapping matches from the left),
 * followed by whitespace normalisation:
 * <ol>
 *   <li>{@code (\P{N})(\p{P})} -> {@code "\1 \2 "}: punctuation after a non-number</li>
 *   <li>{@code (\p{P})(\P{N})} -> {@code " \1 \2"}: punctuation before a non-number</li>
 *   <li>{@code (\p{S})} -> {@code " \1 "}: every symbol</li>
 * </ol>
 * Unicode classes are Java's ({@link Character#getType}); Python's {@code regex} module may know newer
 * code points.
 */
final class TokenizerIntl {
    private TokenizerIntl() {
    }

    static String tokenize(String line) {
        StringBuilder a = new StringBuilder(line.length() * 2);
        int n = line.length();
        for (int i = 0; i < n; ) {                  // (\P{N})(\p{P}) -> "\1 \2 "
            int c = line.codePointAt(i);
            int j = i + Character.charCount(c);
            if (j < n && !isNumber(c) && isPunctuation(line.codePointAt(j))) {
                int d = line.codePointAt(j);
                a.appendCodePoint(c).append(' ').appendCodePoint(d).append(' ');
                i = j + Character.charCount(d);
            } else {
                a.appendCodePoint(c);
                i = j;
            }
        }
        StringBuilder b = new StringBuilder(a.length() * 2);
        n = a.length();
        for (int i = 0; i < n; ) {                  // (\p{P})(\P{N}) -> " \1 \2"
            int c = a.codePointAt(i);
            int j = i + Character.charCount(c);
            if (j < n && isPunctuation(c) && !isNumber(a.codePointAt(j))) {
                int d = a.codePointAt(j);
                b.append(' ').appendCodePoint(c).append(' ').appendCodePoint(d);
                i = j + Character.charCount(d);
            } else {
                b.appendCodePoint(c);
                i = j;
            }
        }
        a.setLength(0);
        n = b.length();
        for (int i = 0; i < n; ) {                  // (\p{S}) -> " \1 "
            int c = b.codePointAt(i);
            if (isSymbol(c)) {
                a.append(' ').appendCodePoint(c).append(' ');
            } else {
                a.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return PyText.normalizeSpace(a);
    }

    private static boolean isNumber(int cp) {
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    static boolean isPunctuation(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    static boolean isSymbol(int cp) {
        switch (Character.getType(cp)) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
