package org.seq2seq4j.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;

/**
 * Streams the sentence pairs of a tab-separated parallel corpus (the manythings/Tatoeba {@code fra.txt}
 * format: {@code source<TAB>target[<TAB>more columns]}), one line at a time. Extra columns are ignored;
 * blank lines and lines with too few columns are skipped and counted, not fatal: {@link #report()} tells
 * how many, and the reader logs a warning (System.Logger) when it reaches the end. A file that is not
 * UTF-8 is a {@link ModelFormatException} with the line number. Options: {@link #header} (skip the first
 * line), {@link #limit} (at most this many lines after the header, as {@code num_samples} in the Keras
 * example), {@link #columns} (default 0 and 1). Line ends {@code \n}, {@code \r\n}; a byte-order mark is
 * dropped; the last line needs no line end.
 *
 * <pre>{@code
 * try (TsvReader r = TsvReader.open(Path.of("fra.txt")).limit(10_000)) {
 *     for (SentencePair p : r) {
 *         System.out.println(p.source() + " -> " + p.target());
 *     }
 *     System.out.println(r.report());   // e.g. 10000 lines: 10000 pairs, 0 blank, 0 malformed
 * }
 * }</pre>
 */
public final class TsvReader implements Iterable<SentencePair>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TsvReader.class.getName());
    private static final int SHOWN = 10;

    private final Path file;
    private boolean header;
    private long limit = Long.MAX_VALUE;
    private int sourceColumn;
    private int targetColumn = 1;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] bytes = new byte[256];
    private InputStream in;
    private boolean started;
    private long lineNo;
    private long lines;
    private long pairs;
    private long blank;
    private long malformed;
    private final List<Long> shown = new ArrayList<>();

    private TsvReader(Path file) {
        this.file = file;
    }

    /** A reader of {@code file}; nothing is read before iteration starts. */
    public static TsvReader open(Path file) {
        return new TsvReader(file);
    }

    /** Skip the first line, a header such as {@code human<TAB>machine} (default false). */
    public TsvReader header(boolean header) {
        checkNotStarted();
        this.header = header;
        return this;
    }

    /** Read at most this many lines after the header (default: all). */
    public TsvReader limit(long limit) {
        checkNotStarted();
        if (limit < 0) {
            throw ConfigException.argument("TsvReader", "limit", "at least 0", limit);
        }
        this.limit = limit;
        return this;
    }

    /** The 0-based columns of the source and the target (default 0 and 1). */
    public TsvReader columns(int source, int target) {
        checkNotStarted();
        if (source < 0 || target < 0 || source == target) {
            throw ConfigException.argument("TsvReader", "columns", "two different columns >= 0",
                    source + " and " + target);
        }
        this.sourceColumn = source;
        this.targetColumn = target;
        return this;
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("TsvReader of " + file + ": options must be set before reading");
        }
    }

    /** Counts so far (final once iteration has ended). */
    public TsvReport report() {
        return new TsvReport(lines, pairs, blank, malformed, shown);
    }

    /** The pairs as a sequential stream; closing the stream closes the file. */
    public Stream<SentencePair> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** Iterates the pairs once; a second call is an error. */
    @Override
    public Iterator<SentencePair> iterator() {
        if (started) {
            throw new IllegalStateException("TsvReader of " + file + " can be iterated only once");
        }
        started = true;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toString(), "file", "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "file", "cannot be read: " + e, e);
        }
        return new Iterator<>() {
            private SentencePair next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SentencePair next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                SentencePair p = next;
                next = advance();
                return p;
            }
        };
    }

    private SentencePair advance() {
        while (true) {
            String line = readLine();
            if (line == null) {
                finish();
                return null;
            }
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (lineNo == 1 && header) {
                continue;
            }
            if (lines == limit) {
                finish();
                return null;
            }
            lines++;
            if (line.isBlank()) {
                blank++;
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length <= Math.max(sourceColumn, targetColumn)) {
                malformed++;
                if (shown.size() < SHOWN) {
                    shown.add(lineNo);
                }
                continue;
            }
            pairs++;
            return new SentencePair(cols[sourceColumn], cols[targetColumn], lineNo);
        }
    }

    /** The next line without its {@code \n} or {@code \r\n}, decoded strictly as UTF-8; null at the end. */
    private String readLine() {
        if (in == null) {
            return null;
        }
        try {
            int n = 0;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (n == bytes.length) {
                    bytes = Arrays.copyOf(bytes, n * 2);
                }
                bytes[n++] = (byte) b;
            }
            if (b < 0 && n == 0) {
                return null;
            }
            if (n > 0 && bytes[n - 1] == '\r') {
                n--;
            }
            return utf8.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file.toString(), "line " + (lineNo + 1), "is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void finish() {
        if (in == null) {
            return;
        }
        close();
        if (blank + malformed > 0) {
            LOG.log(System.Logger.Level.WARNING, file + ": skipped " + blank + " blank and " + malformed
                    + " malformed lines; " + report());
        }
    }

    /** Closes the file (also done when iteration reaches the end). */
    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            } finally {
                in = null;
            }
        }
    }
}
