package org.seq2seq4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.text.TsvReader;
import org.seq2seq4j.text.TsvReport;

/**
 * Reads the parallel text of {@code train} and {@code evaluate}: a UTF-8 file of
 * {@code source<TAB>target} lines. A missing, empty or binary file, or one without a single line of
 * two columns, is one {@link ModelFormatException} naming the file.
 */
final class Corpus {
    private static final int PROBE = 1 << 16;
    /** The reader's own warning is replaced by one line on the command's error stream (held: loggers are weak). */
    private static final java.util.logging.Logger TSV_LOG =
            java.util.logging.Logger.getLogger(TsvReader.class.getName());

    private Corpus() {
    }

    /**
     * The pairs of {@code file}: at most {@code limit} lines (0: all) after the header line when there is one.
     * Skipped lines are reported in one line on {@code err}.
     */
    static List<SentencePair> read(Path file, boolean header, long limit, java.io.PrintWriter err) {
        checkText(file);
        TSV_LOG.setLevel(java.util.logging.Level.SEVERE);
        List<SentencePair> pairs = new ArrayList<>();
        TsvReport report;
        try (TsvReader r = TsvReader.open(file).header(header)) {
            if (limit > 0) {
                r.limit(limit);
            }
            r.forEach(pairs::add);
            report = r.report();
        }
        if (pairs.isEmpty()) {
            throw new ModelFormatException(file.toString(), "file", report.lines() == 0 ? "has no lines"
                    : "has no line of two tab-separated columns (source<TAB>target); " + report);
        }
        if (report.blank() + report.malformed() > 0) {
            err.println("seq2seq4j: warning: " + file + ": skipped " + report.blank() + " blank and "
                    + report.malformed() + " malformed lines (" + report + ")");
            err.flush();
        }
        return pairs;
    }

    /** A file that exists, is not empty and has no NUL byte in its first 64 KiB. */
    static void checkText(Path file) {
        byte[] head = new byte[PROBE];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, PROBE);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toString(), "file", "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "file", "cannot be read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new ModelFormatException(file.toString(), "file", "is empty; expected source<TAB>target lines");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new ModelFormatException(file.toString(), "byte " + i, "NUL byte; this is a binary file, not "
                        + "source<TAB>target text");
            }
        }
    }
}
