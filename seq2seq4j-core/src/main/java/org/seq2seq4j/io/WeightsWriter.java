package org.seq2seq4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.tensor.Shape;

/**
 * Writes {@link WeightsFormat} files crash-safely through {@link AtomicFile}: the target is always
 * either the previous file or the complete new one.
 */
final class WeightsWriter {
    /** One tensor to write; {@code values} is asked for the data only while writing. */
    record Item(String name, WeightsFormat.Kind kind, Shape shape, Supplier<float[]> values) {
    }

    private final WritableByteChannel channel;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 17).order(ByteOrder.LITTLE_ENDIAN);

    private WeightsWriter(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Writes {@code items} to {@code target}, replacing it atomically; on failure the target is untouched. */
    static void write(Path target, List<Item> items) {
        byte[][] names = new byte[items.size()][];
        int headerBytes = 0;
        for (int i = 0; i < names.length; i++) {
            names[i] = items.get(i).name().getBytes(StandardCharsets.UTF_8);
            if (names[i].length == 0 || names[i].length > WeightsFormat.MAX_NAME) {
                throw new Seq2SeqException("cannot save weights to " + target + ": name '" + items.get(i).name()
                        + "' must have 1 to " + WeightsFormat.MAX_NAME + " UTF-8 bytes");
            }
            headerBytes += WeightsFormat.entryBytes(names[i].length, items.get(i).shape().rank());
        }
        final int header = headerBytes;
        try {
            AtomicFile.write(target, out -> new WeightsWriter(Channels.newChannel(out)).writeAll(items, names, header,
                    target));
        } catch (Seq2SeqException e) {
            throw e.getCause() instanceof IOException ? new Seq2SeqException("cannot save weights to " + target + ": "
                    + e.getCause(), e.getCause()) : e;
        }
    }

    private void writeAll(List<Item> items, byte[][] names, int headerBytes, Path target) throws IOException {
        buf.put(WeightsFormat.MAGIC).put((byte) WeightsFormat.VERSION).putInt(headerBytes).putInt(items.size());
        long offset = WeightsFormat.PREFIX + (long) headerBytes;
        for (int i = 0; i < names.length; i++) {
            Item it = items.get(i);
            room(2 + names[i].length);
            buf.putShort((short) names[i].length).put(names[i]);
            room(2 + 4 * it.shape().rank() + 8);
            buf.put((byte) it.kind().ordinal()).put((byte) it.shape().rank());
            for (int d : it.shape().dims()) {
                buf.putInt(d);
            }
            buf.putLong(offset);
            offset += 4L * it.shape().size();
        }
        for (Item it : items) {
            float[] v = it.values().get();
            checkValues(it, v, target);
            for (float f : v) {
                room(4);
                buf.putFloat(f);
            }
        }
        flush();
        buf.putInt((int) crc.getValue());
        drain();
    }

    private static void checkValues(Item it, float[] v, Path target) {
        if (v.length != it.shape().size()) {
            throw new Seq2SeqException("cannot save weights to " + target + ": " + it.kind().label() + " '" + it.name()
                    + "' has " + v.length + " values but its shape " + it.shape() + " needs " + it.shape().size());
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new Seq2SeqException("cannot save weights to " + target + ": " + it.kind().label() + " '"
                        + it.name() + "' holds " + v[i] + " at index " + i + "; the previous file is kept");
            }
        }
    }

    /** Makes room for {@code n} more bytes (n fits in the buffer). */
    private void room(int n) throws IOException {
        if (buf.remaining() < n) {
            flush();
        }
    }

    /** Writes the buffered bytes and adds them to the checksum. */
    private void flush() throws IOException {
        crc.update(buf.array(), 0, buf.position());
        drain();
    }

    private void drain() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        buf.clear();
    }
}
