package org.seq2seq4j.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seq2seq4j.ConfigException;

/**
 * Python's number formatting, so files written by callbacks match Keras's byte for byte:
 * {@code repr(float)} (the shortest digits that read back to the same double) and the subset of
 * {@code str.format} that checkpoint paths use ({@code {epoch:02d}}, {@code {val_loss:.2f}},
 * {@code {loss:.3e}}, {@code {loss}}). Rounding is half-even on the exact binary value, as in Python.
 */
final class PyFormat {
    private static final Pattern SPEC = Pattern.compile("(0)?(\\d+)?(?:\\.(\\d+))?([dfe]?)");

    private PyFormat() {
    }

    /** Python's {@code repr} of a float: {@code 0.5}, {@code 2.0}, {@code 1e-05}, {@code 1e+16}, {@code nan}. */
    static String repr(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale();          // v = 0.digits * 10^decpt
        String sign = v < 0 ? "-" : "";
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                return sign + "0." + "0".repeat(-decpt) + digits;
            }
            if (decpt >= digits.length()) {
                return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
            }
            return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + exponent(decpt - 1);
    }

    /**
     * Python {@code pattern.format(**values)} for placeholders {@code {name}} and
     * {@code {name:[0][width][.precision][d|f|e]}}; {@code {{} and {@code }}} are literal braces.
     * An unknown name or an unsupported spec is a {@link ConfigException} of {@code owner}'s {@code argument}.
     */
    static String format(String pattern, Map<String, ? extends Number> values, String owner, String argument) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < pattern.length() && pattern.charAt(i + 1) == c) {
                out.append(c);
                i += 2;
                continue;
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = pattern.indexOf('}', i);
            if (close < 0) {
                throw ConfigException.argument(owner, argument, "a pattern with closed {placeholders}", "'" + pattern + "'");
            }
            String field = pattern.substring(i + 1, close);
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon);
            Number value = values.get(name);
            if (value == null) {
                throw ConfigException.argument(owner, argument + " placeholder {" + name + "}", "one of " + values.keySet(),
                        "'" + pattern + "'");
            }
            out.append(field(value, colon < 0 ? "" : field.substring(colon + 1), owner, argument, pattern));
            i = close + 1;
        }
        return out.toString();
    }

    private static String field(Number value, String spec, String owner, String argument, String pattern) {
        Matcher m = SPEC.matcher(spec);
        boolean integer = value instanceof Integer || value instanceof Long;
        if (!m.matches() || (m.group(4).equals("d") && !integer)) {
            throw ConfigException.argument(owner, argument + " format spec ':" + spec + "'",
                    "[0][width][.precision][d|f|e] (d for integers only)", "'" + pattern + "'");
        }
        double d = value.doubleValue();
        int precision = m.group(3) == null ? 6 : Integer.parseInt(m.group(3));
        String s = switch (m.group(4)) {
            case "f" -> Double.isFinite(d) ? new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString() : repr(d);
            case "e" -> Double.isFinite(d) ? scientific(d, precision) : repr(d);
            default -> integer ? String.valueOf(value.longValue()) : repr(d);
        };
        int width = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (s.length() >= width) {
            return s;
        }
        if (m.group(1) == null) {
            return " ".repeat(width - s.length()) + s;
        }
        int signLength = s.startsWith("-") ? 1 : 0;
        return s.substring(0, signLength) + "0".repeat(width - s.length()) + s.substring(signLength);
    }

    /** Python {@code format(d, '.{precision}e')}, e.g. {@code 1.250e-03}. */
    private static String scientific(double d, int precision) {
        if (d == 0) {
            return (1 / d < 0 ? "-" : "") + "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        }
        BigDecimal r = new BigDecimal(d).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().abs().toString();
        digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
        int exp = r.precision() - r.scale() - 1;
        String mantissa = precision == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + exponent(exp);
    }

    private static String exponent(int e) {
        return "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
}
