package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.tensor.Shape;

/**
 * The Keras 3 {@code model.summary()} table: one row per layer with its name, class, output
 * shape and parameter count, then total, trainable and non-trainable parameters with their size
 * in bytes.
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
    private static final int[] WIDTHS = {33, 24, 15};

    private Summary() {
    }

    /** The summary text of {@code model}; output shapes show {@code ?} until the input shape is known. */
    public static String render(Model model) {
        Shape in = model.declaredInput();
        List<Shape> shapes = in != null ? model.outputShapes(in) : null;
        List<String[]> rows = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof InputLayer) {
                continue;
            }
            rows.add(new String[] {l.name() + " (" + l.className() + ")",
                    shapes == null ? "?" : shapes.get(i).toString(),
                    l.isBuilt() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)"});
        }
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append(line('┏', '━', '┳', '┓'));
        b.append(row('┃', new String[] {"Layer (type)", "Output Shape", "Param #"}));
        b.append(line('┡', '━', '╇', '┩'));
        for (int i = 0; i < rows.size(); i++) {
            b.append(row('│', rows.get(i)));
            b.append(i + 1 < rows.size() ? line('├', '─', '┼', '┤') : line('└', '─', '┴', '┘'));
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

    private static String line(char left, char fill, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            b.append(String.valueOf(fill).repeat(WIDTHS[c])).append(c + 1 < WIDTHS.length ? mid : right);
        }
        return b.append('\n').toString();
    }

    private static String row(char sep, String[] cells) {
        StringBuilder b = new StringBuilder().append(sep);
        for (int c = 0; c < cells.length; c++) {
            String text = cells[c].length() > WIDTHS[c] - 2 ? cells[c].substring(0, WIDTHS[c] - 3) + "…" : cells[c];
            String pad = " ".repeat(WIDTHS[c] - 2 - text.length());
            b.append(' ').append(c == cells.length - 1 ? pad + text : text + pad).append(' ').append(sep);
        }
        return b.append('\n').toString();
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
