package org.seq2seq4j.callbacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;

/**
 * Streams the epoch results to a CSV file, as Keras 3's {@code CSVLogger}. Arguments (Keras
 * defaults): {@code filename} (required), {@code separator ','}, {@code append false}.
 *
 * <p>The header is {@code epoch} followed by the log keys of the first epoch in sorted order; when
 * none starts with {@code val_}, Keras adds a {@code val_} column for each key, filled with
 * {@code NA} until validation values appear. Epochs are 0-based, numbers are written as Python's
 * {@code repr} ({@code 0.5}, {@code 1e-05}) and rows end with {@code \r\n} (Python's csv
 * dialect), so the file is the one Keras writes. With {@code append} the header is written only
 * when the file is new or its first line is empty. Each row is flushed at once.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(3).callbacks(new CSVLogger(dir.resolve("training.csv"))));
 * // epoch,loss,val_loss
 * // 0,0.6931471824645996,NA
 * }</pre>
 */
public final class CSVLogger implements Callback {
    private final Path filename;
    private char separator = ',';
    private boolean append;
    private Writer out;
    private boolean writeHeader;
    private List<String> keys;

    public CSVLogger(Path filename) {
        if (filename == null) {
            throw ConfigException.argument("CSVLogger", "filename", "a path", null);
        }
        this.filename = filename;
    }

    public CSVLogger separator(char c) {
        if (c == '"' || c == '\r' || c == '\n') {
            throw ConfigException.argument("CSVLogger", "separator", "not a quote or a line break", "'" + c + "'");
        }
        separator = c;
        return this;
    }

    /** True appends to an existing file instead of overwriting it. */
    public CSVLogger append(boolean a) {
        append = a;
        return this;
    }

    @Override
    public void onTrainBegin(int epochs, int steps) {
        closeFile();
        try {
            writeHeader = !append || firstLineEmpty();
            out = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failure(e);
        }
        keys = null;
    }

    private boolean firstLineEmpty() throws IOException {
        if (!Files.exists(filename)) {
            return true;
        }
        try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first == null || first.isEmpty();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (out == null) {
            throw new Seq2SeqException("CSVLogger: onEpochEnd before onTrainBegin; fit calls them in order");
        }
        List<String> row = new ArrayList<>();
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(logs.keySet()));
            if (keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                keys.addAll(keys.stream().map(k -> "val_" + k).toList());
            }
            if (writeHeader) {
                row.add("epoch");
                row.addAll(keys);
                writeRow(row);
                row.clear();
            }
        }
        row.add(String.valueOf(epoch));
        for (String k : keys) {
            Double v = logs.get(k);
            row.add(v == null ? "NA" : PyFormat.repr(v));
        }
        writeRow(row);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        closeFile();
    }

    private void writeRow(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? "" : String.valueOf(separator)).append(quote(fields.get(i)));
        }
        try {
            out.write(b.append("\r\n").toString());
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Python csv's minimal quoting: fields holding the separator, a quote or a line break are quoted. */
    private String quote(String field) {
        boolean needs = field.indexOf(separator) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private void closeFile() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw failure(e);
        } finally {
            out = null;
        }
    }

    private Seq2SeqException failure(IOException e) {
        return new Seq2SeqException("CSVLogger: cannot write " + filename + ": " + e, e);
    }
}
