package org.seq2seq4j.models;

import java.util.List;
import java.util.Locale;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.Layer;

/**
 * The Keras 3 {@code model.summary()} table: one row per layer with its name, class, output
 * shape and parameter count (and, for functional models, what it is connected to), then total,
 * trainable and non-trainable parameters with their size in bytes. A cell may hold several lines.
 *
 * <pre>{@code
 * System.out.print(Summary.render(model));
 * // Model: "sequential"
 * // ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
 * // ┃ Layer (type)                ┃ Output Shape           ┃       Param # ┃
 * // ...
 * }</pre>
 */
public final class Summary {
    private static final int[] WIDTHS = {33, 24, 15, 24};

    private Summary() {
    }

    /** The summary text of {@code model}; output shapes show {@code ?} until the input shape is known. */
    public static String render(Model model) {
        List<String[]> rows = model.summaryRows();
        int columns = rows.get(0).length;
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append(line(columns, '┏', '━', '┳', '┓'));
        b.append(row('┃', rows.get(0)));
        b.append(line(columns, '┡', '━', '╇', '┩'));
        for (int i = 1; i < rows.size(); i++) {
            b.append(row('│', rows.get(i)));
            b.append(i + 1 < rows.size() ? line(columns, '├', '─', '┼', '┤') : line(columns, '└', '─', '┴', '┘'));
        }
        long total = 0;
        long trainable = 0;
        for (Variable v : model.weights()) {
            total += v.shape().size();
            trainable += v.trainable() ? v.shape().size() : 0;
        }
        b.append(" Total params: ").append(count(total)).append('\n');
        b.append(" Trainable params: ").append(count(trainable)).append('\n');
        b.append(" Non-trainable params: ").append(count(total - trainable)).append('\n');
        return b.toString();
    }

    /** {@code name (ClassName)}. */
    static String layerCell(Layer l) {
        return l.name() + " (" + l.className() + ")";
    }

    /** The parameter count with thousands separators, or {@code 0 (unbuilt)}. */
    static String params(Layer l) {
        return l.isBuilt() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)";
    }

    private static String line(int columns, char left, char fill, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int c = 0; c < columns; c++) {
            b.append(String.valueOf(fill).repeat(WIDTHS[c])).append(c + 1 < columns ? mid : right);
        }
        return b.append('\n').toString();
    }

    /** One table row; cells with several lines ({@code \n}) make several text lines. */
    private static String row(char sep, String[] cells) {
        String[][] lines = new String[cells.length][];
        int height = 1;
        for (int c = 0; c < cells.length; c++) {
            lines[c] = cells[c].split("\n");
            height = Math.max(height, lines[c].length);
        }
        StringBuilder b = new StringBuilder();
        for (int h = 0; h < height; h++) {
            b.append(sep);
            for (int c = 0; c < cells.length; c++) {
                String cell = h < lines[c].length ? lines[c][h] : "";
                String text = cell.length() > WIDTHS[c] - 2 ? cell.substring(0, WIDTHS[c] - 3) + "…" : cell;
                String pad = " ".repeat(WIDTHS[c] - 2 - text.length());
                boolean right = c == 2;
                b.append(' ').append(right ? pad + text : text + pad).append(' ').append(sep);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** {@code 1,234 (4.82 KB)}: float32 parameters take 4 bytes each. */
    private static String count(long n) {
        double bytes = 4.0 * n;
        String[] units = {"B", "KB", "MB", "GB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%,d (%.2f %s)", n, bytes, units[u]);
    }
}
