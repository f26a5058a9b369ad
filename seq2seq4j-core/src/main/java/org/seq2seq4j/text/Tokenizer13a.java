package org.seq2seq4j.text;

/**
 * sacreBLEU's {@code 13a} tokenizer (mteval-v13a.pl) as four left-to-right passes over the characters,
 * each one equal to one of sacreBLEU's regular-expression substitutions (non-overlapping matches,
 * scanned from the left), followed by whitespace normalisation:
 * <ol>
 *   <li>{@code ([\{-\~\[-\` -\&\(-\+\:-\@\/])} -> {@code " \1 "}</li>
 *   <li>{@code ([^0-9])([\.,])} -> {@code "\1 \2 "}</li>
 *   <li>{@code ([\.,])([^0-9])} -> {@code " \1 \2"}</li>
 *   <li>{@code ([0-9])(-)} -> {@code "\1 \2 "}</li>
 * </ol>
 * Working on UTF-16 units gives the same result as on code points: every character these patterns name
 * is ASCII, and a surrogate never is one of them.
 */
final class Tokenizer13a {
    private Tokenizer13a() {
    }

    static String tokenize(String line) {
        line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (line.indexOf('&') >= 0) {
            line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        int len = line.length();
        char[] a = new char[3 * len + 2];
        int n = 0;
        a[n++] = ' ';
        for (int i = 0; i < len; i++) {             // ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 "
            char c = line.charAt(i);
            if (isSplitSymbol(c)) {
                a[n++] = ' ';
                a[n++] = c;
                a[n++] = ' ';
            } else {
                a[n++] = c;
            }
        }
        a[n++] = ' ';
        char[] b = new char[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {               // ([^0-9])([\.,]) -> "\1 \2 "
            char c = a[i];
            b[m++] = c;
            if (i + 1 < n && !isDigit(c) && isPeriodOrComma(a[i + 1])) {
                b[m++] = ' ';
                b[m++] = a[++i];
                b[m++] = ' ';
            }
        }
        a = new char[2 * m];
        n = 0;
        for (int i = 0; i < m; i++) {               // ([\.,])([^0-9]) -> " \1 \2"
            char c = b[i];
            if (i + 1 < m && isPeriodOrComma(c) && !isDigit(b[i + 1])) {
                a[n++] = ' ';
                a[n++] = c;
                a[n++] = ' ';
                a[n++] = b[++i];
            } else {
                a[n++] = c;
            }
        }
        b = new char[2 * n];
        m = 0;
        for (int i = 0; i < n; i++) {               // ([0-9])(-) -> "\1 \2 "
            char c = a[i];
            b[m++] = c;
            if (i + 1 < n && isDigit(c) && a[i + 1] == '-') {
                b[m++] = ' ';
                b[m++] = a[++i];
                b[m++] = ' ';
            }
        }
        return PyText.normalizeSpace(b, m);
    }

    /** The class {@code [\{-\~\[-\` -\&\(-\+\:-\@\/]}: ASCII punctuation except {@code ' , - .}. */
    private static boolean isSplitSymbol(char c) {
        return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&')
                || (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isPeriodOrComma(char c) {
        return c == '.' || c == ',';
    }
}
