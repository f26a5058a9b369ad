package org.seq2seq4j.io;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Adds entries to a zip being written: stored (uncompressed, as tensors and Keras's entries are)
 * or deflated (JSON, assets). Every entry carries its CRC32.
 *
 * <pre>{@code
 * ZipOut.stored(zip, "model.weights.h5", bytes);
 * ZipOut.deflated(zip, "config.json", json);
 * }</pre>
 */
public final class ZipOut {
    private ZipOut() {
    }

    /** Adds {@code bytes} as an uncompressed entry. */
    public static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Adds {@code bytes} as a deflated entry. */
    public static void deflated(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
