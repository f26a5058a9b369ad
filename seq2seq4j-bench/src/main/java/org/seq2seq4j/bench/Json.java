package org.seq2seq4j.bench;

import java.util.Locale;

/** The JSON spelling of the numbers and strings the bench results print. */
final class Json {
    private Json() {
    }

    /** Up to 6 significant digits without trailing zeros; {@code null} for NaN and infinities. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");   // trailing zeros of the fraction only
        }
        return mantissa + exponent;
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
