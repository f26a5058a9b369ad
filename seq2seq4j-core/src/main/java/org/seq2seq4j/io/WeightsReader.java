package org.seq2seq4j.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Shape;

/**
 * Reads {@link WeightsFormat} files. {@link #open} checks the whole structure before anything is
 * allocated from the file's numbers: magic, version, header length and entry count against the file
 * length, every header entry (name, kind, rank, dimensions, offset), the total size and the CRC32.
 * {@link #read} then loads one entry's values and rejects NaN and infinity.
 */
final class WeightsReader implements Closeable {
    /** A header entry; {@code at} is the byte offset of its header record, for messages. */
    record Entry(String name, WeightsFormat.Kind kind, Shape shape, long offset, long at) {
    }

    private final String file;
    private final FileChannel channel;
    private final List<Entry> entries;

    private WeightsReader(String file, FileChannel channel, List<Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /** Opens and validates {@code path}; throws {@link ModelFormatException} naming the byte offset of the first problem. */
    static WeightsReader open(Path path) {
        String file = path.toString();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            WeightsReader r = new WeightsReader(file, ch, validate(file, ch));
            ch = null;
            return r;
        } catch (IOException e) {
            throw new ModelFormatException(file, "byte 0", "cannot read the file: " + e, e);
        } finally {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            System.getLogger(WeightsReader.class.getName()).log(System.Logger.Level.WARNING,
                    "could not close a weights file", e);
        }
    }

    /** The entries in file order. */
    List<Entry> entries() {
        return entries;
    }

    /** The values of {@code e}; every one must be finite. */
    float[] read(Entry e) {
        float[] out = new float[e.shape().size()];
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        long pos = e.offset();
        int i = 0;
        try {
            while (i < out.length) {
                buf.clear().limit((int) Math.min(buf.capacity(), 4L * (out.length - i)));
                readFully(channel, buf, pos);
                buf.flip();
                while (buf.hasRemaining()) {
                    float v = buf.getFloat();
                    if (!Float.isFinite(v)) {
                        throw new ModelFormatException(file, "byte " + (e.offset() + 4L * i), e.kind().label() + " '"
                                + e.name() + "' holds " + v + " at index " + i);
                    }
                    out[i++] = v;
                }
                pos += buf.limit();
            }
        } catch (IOException x) {
            throw new ModelFormatException(file, "byte " + pos, "cannot read the data of '" + e.name() + "': " + x, x);
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static List<Entry> validate(String file, FileChannel ch) throws IOException {
        long size = ch.size();
        int minimum = WeightsFormat.PREFIX + WeightsFormat.TRAILER;
        if (size < minimum) {
            throw new ModelFormatException(file, "byte " + size, "truncated: " + size + " bytes, but even an empty "
                    + "weights file has " + minimum);
        }
        ByteBuffer prefix = ByteBuffer.allocate(WeightsFormat.PREFIX).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, prefix, 0);
        prefix.flip();
        int magic = prefix.order(ByteOrder.BIG_ENDIAN).getInt();
        prefix.order(ByteOrder.LITTLE_ENDIAN);
        if (magic != ByteBuffer.wrap(WeightsFormat.MAGIC).getInt()) {
            throw new ModelFormatException(file, "byte 0", String.format(Locale.ROOT,
                    "bad magic number 0x%08x, expected 0x53325357 (\"S2SW\"); not a seq2seq4j weights file", magic));
        }
        int version = prefix.get() & 0xFF;
        if (version != WeightsFormat.VERSION) {
            throw new ModelFormatException(file, "byte 4", "format version " + version
                    + " is not supported; this reader reads version " + WeightsFormat.VERSION);
        }
        int headerBytes = prefix.getInt();
        if (headerBytes < 0 || headerBytes > size - minimum) {
            throw new ModelFormatException(file, "byte 5", "header length " + headerBytes
                    + " does not fit in a file of " + size + " bytes (truncated?)");
        }
        int count = prefix.getInt();
        if (count < 0 || (long) count * WeightsFormat.MIN_ENTRY > headerBytes) {
            throw new ModelFormatException(file, "byte 9", "entry count " + count + " does not fit in a header of "
                    + headerBytes + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, header, WeightsFormat.PREFIX);
        header.flip();
        List<Entry> entries = new HeaderParser(file, header).parse(count);
        long end = entries.isEmpty() ? WeightsFormat.PREFIX + (long) headerBytes : dataEnd(entries.get(count - 1));
        if (size < end + WeightsFormat.TRAILER) {
            throw new ModelFormatException(file, "byte " + size, "truncated: the header describes "
                    + (end + WeightsFormat.TRAILER) + " bytes but the file has " + size);
        }
        if (size > end + WeightsFormat.TRAILER) {
            throw new ModelFormatException(file, "byte " + (end + WeightsFormat.TRAILER), (size - end
                    - WeightsFormat.TRAILER) + " unexpected bytes after the checksum");
        }
        checkCrc(file, ch, end);
        return Collections.unmodifiableList(entries);
    }

    private static long dataEnd(Entry e) {
        return e.offset() + 4L * e.shape().size();
    }

    private static void checkCrc(String file, FileChannel ch, long end) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (long pos = 0; pos < end; pos += buf.limit()) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            readFully(ch, buf, pos);
            crc.update(buf.array(), 0, buf.limit());
        }
        ByteBuffer stored = ByteBuffer.allocate(WeightsFormat.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, stored, end);
        long expected = stored.flip().getInt() & 0xFFFFFFFFL;
        if (expected != crc.getValue()) {
            throw new ModelFormatException(file, "byte " + end, String.format(Locale.ROOT,
                    "checksum mismatch: stored 0x%08x, computed 0x%08x; the file is damaged", expected, crc.getValue()));
        }
    }

    /** Fills {@code buf} from {@code pos}; the caller has checked that the bytes exist. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    /** Reads the header records, checking each field as it goes. */
    private static final class HeaderParser {
        private final String file;
        private final ByteBuffer h;
        private final Set<String> seen = new HashSet<>();

        HeaderParser(String file, ByteBuffer header) {
            this.file = file;
            this.h = header;
        }

        List<Entry> parse(int count) {
            List<Entry> out = new ArrayList<>(count);
            long offset = WeightsFormat.PREFIX + (long) h.limit();
            for (int i = 0; i < count; i++) {
                long at = here();
                int nameBytes = need(2, i).getShort() & 0xFFFF;
                String name = name(nameBytes, i);
                int kind = need(2, i).get() & 0xFF;
                int rank = h.get() & 0xFF;
                if (kind >= WeightsFormat.Kind.values().length) {
                    throw fail(here() - 2, "entry '" + name + "' has unknown kind " + kind + " (0 weight, 1 optimizer state)");
                }
                if (rank > WeightsFormat.MAX_RANK) {
                    throw fail(here() - 1, "entry '" + name + "' has rank " + rank + ", more than " + WeightsFormat.MAX_RANK);
                }
                Shape shape = shape(name, rank, i);
                long stored = need(8, i).getLong();
                if (stored != offset) {
                    throw fail(here() - 8, "entry '" + name + "' says its data starts at byte " + stored
                            + " but the previous entries end at byte " + offset);
                }
                out.add(new Entry(name, WeightsFormat.Kind.values()[kind], shape, offset, at));
                offset += 4L * shape.size();
            }
            if (h.hasRemaining()) {
                throw fail(here(), h.remaining() + " unused header bytes after " + count + " entries");
            }
            return out;
        }

        private String name(int nameBytes, int i) {
            if (nameBytes == 0) {
                throw fail(here() - 2, "entry " + i + " has an empty name");
            }
            ByteBuffer raw = need(nameBytes, i).slice().limit(nameBytes);
            h.position(h.position() + nameBytes);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(raw);
                String name = chars.toString();
                if (!seen.add(name)) {
                    throw fail(here() - nameBytes, "entry name '" + name + "' appears twice");
                }
                return name;
            } catch (CharacterCodingException e) {
                throw fail(here() - nameBytes, "entry " + i + " has a name that is not valid UTF-8");
            }
        }

        private Shape shape(String name, int rank, int i) {
            int[] dims = new int[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = need(4, i).getInt();
                elements *= Math.max(dims[d], 0);
                if (dims[d] < 0 || elements > Integer.MAX_VALUE) {
                    throw fail(here() - 4, "entry '" + name + "' has dimension " + d + " = " + dims[d]
                            + (dims[d] < 0 ? "" : ", more than 2^31-1 values in all"));
                }
            }
            return Shape.of(dims);
        }

        /** The header buffer, after checking that {@code n} more bytes of entry {@code i} are there. */
        private ByteBuffer need(int n, int i) {
            if (h.remaining() < n) {
                throw fail(here(), "the header ends inside entry " + i);
            }
            return h;
        }

        private long here() {
            return WeightsFormat.PREFIX + (long) h.position();
        }

        private ModelFormatException fail(long at, String problem) {
            return new ModelFormatException(file, "byte " + at, problem);
        }
    }
}
