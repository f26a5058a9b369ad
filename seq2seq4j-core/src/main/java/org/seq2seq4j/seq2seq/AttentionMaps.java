package org.seq2seq4j.seq2seq;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.io.AtomicFile;
import org.seq2seq4j.tensor.Shape;

/**
 * Attention maps for people: which source token each output token looked at. Source tokens run
 * across, output tokens down, one cell per (output, source) pair with its weight in [0, 1].
 * {@link #ascii} draws it with shade characters and a legend, for terminals and logs;
 * {@link #html} is one self-contained page (inline SVG and CSS, no scripts, nothing fetched) with a
 * 0-1 colour scale, the value of a cell on hover, and the tokens on the axes.
 *
 * <pre>{@code
 * float[][] a = {{0.9f, 0.1f}, {0.2f, 0.8f}};                  // 2 output tokens x 2 source tokens
 * System.out.print(AttentionMaps.ascii(List.of("le", "chat"), List.of("the", "cat"), a));
 * AttentionMaps.writeHtml(Path.of("attention.html"), "le chat", List.of("le", "chat"), List.of("the", "cat"), a);
 * }</pre>
 */
public final class AttentionMaps {
    /** Ten shades, from weight 0 to 1; shade k covers [k/10, (k+1)/10), the last one including 1. */
    static final String SHADES = " .:-=+*#%@";
    private static final int MAX_COLUMN = 8;

    private AttentionMaps() {
    }

    /**
     * The map as text: a header of source tokens (each column as wide as its token, at most 8
     * characters, at least 1), then one line per output token with its cells, then a legend.
     */
    public static String ascii(List<String> source, List<String> target, float[][] attention) {
        check(source, target, attention);
        int[] width = new int[source.size()];
        int label = 1;
        for (String t : target) {
            label = Math.max(label, Math.min(MAX_COLUMN, display(t).length()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat(label)).append(" |");
        for (int j = 0; j < source.size(); j++) {
            String s = clip(display(source.get(j)));
            width[j] = Math.max(1, s.length());
            sb.append(pad(s, width[j])).append('|');
        }
        sb.append('\n');
        for (int i = 0; i < target.size(); i++) {
            sb.append(pad(clip(display(target.get(i))), label)).append(" |");
            for (int j = 0; j < source.size(); j++) {
                sb.append(String.valueOf(shade(attention[i][j])).repeat(width[j])).append('|');
            }
            sb.append('\n');
        }
        sb.append("legend:");
        for (int k = 0; k < SHADES.length(); k++) {
            sb.append(String.format(Locale.ROOT, " '%c' %.1f-%.1f", SHADES.charAt(k), k / 10.0, (k + 1) / 10.0));
        }
        return sb.append('\n').toString();
    }

    /** The shade character of a weight (values outside [0, 1] are clamped). */
    static char shade(float w) {
        int k = (int) Math.floor(Math.max(0f, Math.min(1f, w)) * 10);
        return SHADES.charAt(Math.min(9, k));
    }

    /** The map as a self-contained HTML page with an SVG grid; {@code title} heads the page. */
    public static String html(String title, List<String> source, List<String> target, float[][] attention) {
        check(source, target, attention);
        int cell = 28;
        int left = 12 + 8 * Math.min(24, longest(target));
        int top = 12 + 8 * Math.min(24, longest(source));
        int w = left + cell * source.size() + 20;
        int h = top + cell * target.size() + 70;
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:16px}svg text{font-size:12px}"
                        + "rect.cell:hover{stroke:#d00;stroke-width:2}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\" aria-label=\"attention map\">\n");
        for (int j = 0; j < source.size(); j++) {
            int x = left + j * cell + cell / 2;
            sb.append("<text class=\"source\" transform=\"translate(").append(x).append(',').append(top - 6)
                    .append(") rotate(-60)\">").append(escape(display(source.get(j)))).append("</text>\n");
        }
        for (int i = 0; i < target.size(); i++) {
            int y = top + i * cell + cell / 2 + 4;
            sb.append("<text class=\"target\" x=\"").append(left - 6).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"end\">").append(escape(display(target.get(i)))).append("</text>\n");
            for (int j = 0; j < source.size(); j++) {
                float v = attention[i][j];
                sb.append("<rect class=\"cell\" x=\"").append(left + j * cell).append("\" y=\"").append(top + i * cell)
                        .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
                        .append(colour(v)).append("\" data-value=\"").append(format(v)).append("\"><title>")
                        .append(escape(display(target.get(i)))).append(" \u2190 ").append(escape(display(source.get(j))))
                        .append(": ").append(format(v)).append("</title></rect>\n");
            }
        }
        int ly = top + cell * target.size() + 24;
        for (int k = 0; k <= 10; k++) {
            sb.append("<rect class=\"legend\" x=\"").append(left + k * 16).append("\" y=\"").append(ly)
                    .append("\" width=\"16\" height=\"12\" fill=\"").append(colour(k / 10f)).append("\"/>\n");
        }
        sb.append("<text x=\"").append(left).append("\" y=\"").append(ly + 28).append("\">0</text>\n");
        sb.append("<text x=\"").append(left + 10 * 16).append("\" y=\"").append(ly + 28).append("\">1</text>\n");
        sb.append("</svg>\n<p>Source across, output down; hover a cell for its weight.</p>\n</body></html>\n");
        return sb.toString();
    }

    /** Writes {@link #html} to {@code file} (temporary file, then an atomic rename: {@link AtomicFile}). */
    public static void writeHtml(Path file, String title, List<String> source, List<String> target, float[][] attention) {
        byte[] page = html(title, source, target, attention).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(page));
    }

    /** White at 0 to deep blue at 1. */
    static String colour(float v) {
        float t = Math.max(0f, Math.min(1f, v));
        int r = Math.round(255 + t * (8 - 255));
        int g = Math.round(255 + t * (48 - 255));
        int b = Math.round(255 + t * (107 - 255));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static String format(float v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void check(List<String> source, List<String> target, float[][] attention) {
        if (source == null || target == null || attention == null) {
            throw ConfigException.argument("AttentionMaps", "tokens and attention", "source tokens, target tokens and rows",
                    null);
        }
        if (attention.length != target.size()) {
            throw new ShapeException("attention map", "one row per output token (" + target.size() + ")",
                    Shape.of(attention.length));
        }
        for (float[] row : attention) {
            if (row.length != source.size()) {
                throw new ShapeException("attention map", "rows of one weight per source token (" + source.size() + ")",
                        Shape.of(attention.length, row.length));
            }
        }
    }

    /** How a token shows: control characters and spaces become visible marks. */
    static String display(String token) {
        return token.replace("\t", "\\t").replace("\n", "\\n").replace(" ", "\u2423");
    }

    private static String clip(String s) {
        return s.length() <= MAX_COLUMN ? s : s.substring(0, MAX_COLUMN - 1) + "\u2026";
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static int longest(List<String> tokens) {
        int n = 1;
        for (String t : tokens) {
            n = Math.max(n, display(t).length());
        }
        return n;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
