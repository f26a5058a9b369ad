package org.seq2seq4j.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Python 3 string rules that the ported tools (sacreBLEU, subword-nmt, Keras preprocessing) rely on,
 * where Java's differ: {@code str.isspace()} counts the no-break spaces U+00A0, U+2007 and U+202F as
 * whitespace (Java's {@link Character#isWhitespace} does not), and {@code str.split()} /
 * {@code str.rstrip()} use that set.
 */
final class PyText {
    private PyText() {
    }

    /**
     * Python's {@code str.isspace()} for one code point: general category Zs, or bidirectional class
     * WS, B or S. The set is fixed by the Unicode character database.
     */
    static boolean isSpace(int cp) {
        if (cp <= 0x20) {
            return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's {@code s.split()}: the runs of non-whitespace code points. */
    static List<String> split(CharSequence s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int start = -1;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                if (start >= 0) {
                    out.add(s.subSequence(start, i).toString());
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.add(s.subSequence(start, n).toString());
        }
        return out;
    }

    /** Python's {@code ' '.join(s.split())}. */
    static String normalizeSpace(CharSequence s) {
        char[] chars = new char[s.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = s.charAt(i);
        }
        return normalizeSpace(chars, chars.length);
    }

    /** Python's {@code ' '.join(s.split())} of {@code chars[0, length)}, which it overwrites. */
    static String normalizeSpace(char[] chars, int length) {
        int out = 0;
        boolean pending = false;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (isSpace(c)) {
                pending = out > 0;
            } else {
                if (pending) {
                    chars[out++] = ' ';
                    pending = false;
                }
                chars[out++] = c;
            }
        }
        return new String(chars, 0, out);
    }

    /** Python's {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code a < b} for strings: code point order (Java's compareTo orders UTF-16 units). */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;    // a surrogate starts a code point above U+FFFF
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /**
     * Python's {@code f"{v:.{decimals}f}"}: the exact binary value rounded half-to-even (Java's
     * {@code String.format} rounds the shortest decimal form half-up, so 2.675 would give 2.68, not 2.67).
     */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
