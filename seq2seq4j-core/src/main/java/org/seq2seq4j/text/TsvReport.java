package org.seq2seq4j.text;

import java.util.List;

/**
 * What a {@link TsvReader} met: lines read (header excluded), pairs returned, blank lines and malformed
 * lines (too few columns) skipped, and the numbers of the first malformed lines.
 *
 * <pre>{@code
 * TsvReport r = new TsvReport(10, 8, 1, 1, List.of(7L));
 * r.toString();   // 10 lines: 8 pairs, 1 blank, 1 malformed (line 7)
 * }</pre>
 */
public record TsvReport(long lines, long pairs, long blank, long malformed, List<Long> firstMalformedLines) {
    /** Compact constructor: keeps an unmodifiable copy of the line numbers. */
    public TsvReport {
        firstMalformedLines = List.copyOf(firstMalformedLines);
    }

    @Override
    public String toString() {
        String s = lines + " lines: " + pairs + " pairs, " + blank + " blank, " + malformed + " malformed";
        if (!firstMalformedLines.isEmpty()) {
            s += " (line" + (firstMalformedLines.size() > 1 ? "s " : " ")
                    + String.join(", ", firstMalformedLines.stream().map(String::valueOf).toList())
                    + (malformed > firstMalformedLines.size() ? ", ..." : "") + ")";
        }
        return s;
    }
}
