package org.seq2seq4j.bench;

import java.util.Locale;

/** The JSON spelling of the numbers and strings the bench results print. */
final class Json {
    private Json() {
    }

    /** Up to 6 significant digits without trailing zeros; {@code null} for NaN and infinities. */
    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1") : "null";
    }

    /** A quoted JSON string with {@code "}, {@code \} and control characters escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
