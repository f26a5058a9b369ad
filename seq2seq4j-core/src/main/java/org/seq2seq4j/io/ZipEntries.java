package org.seq2seq4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.seq2seq4j.ModelFormatException;

/**
 * A zip archive read safely, for model files ({@code .s2s}, {@code .keras}): nothing is ever
 * extracted to disk; an archive with an entry path that climbs out ({@code ../}), is absolute or
 * names a drive, with a duplicate name or with more than {@code maxEntries} entries is rejected
 * when opened; an entry is read into memory with a size limit that the bytes actually inflated are
 * counted against (declared sizes can lie, as in zip bombs), and its CRC32 is checked. Every
 * problem is a {@link ModelFormatException} naming the archive, the entry and the problem.
 *
 * <pre>{@code
 * try (ZipEntries zip = ZipEntries.open(Path.of("model.s2s"), 10_000, "a seq2seq4j model")) {
 *     byte[] config = zip.read("config.json", 64 << 20);     // null when there is no such entry
 * }
 * }</pre>
 */
public final class ZipEntries implements AutoCloseable {
    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private ZipEntries(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /**
     * Opens and indexes an archive; {@code what} names the expected kind of file in messages
     * (e.g. {@code "a .keras zip"}). Missing files, directories and non-zip files get different messages.
     */
    public static ZipEntries open(Path file, int maxEntries, String what) {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file.toString(), "/", "is a directory, not " + what);
        }
        if (!Files.exists(file)) {
            throw new ModelFormatException(file.toString(), "/", "file not found");
        }
        ZipFile zip = null;
        try {
            zip = new ZipFile(file.toFile());
            ZipEntries z = new ZipEntries(file, zip, index(file, zip, maxEntries));
            zip = null;
            return z;
        } catch (ZipException e) {
            throw new ModelFormatException(file.toString(), "/", "not a readable zip, so not " + what
                    + " (truncated or another format): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "/", "cannot read: " + e, e);
        } catch (RuntimeException e) {
            throw e instanceof ModelFormatException m ? m
                    : new ModelFormatException(file.toString(), "/", "damaged zip: " + e.getMessage(), e);
        } finally {
            closeQuietly(zip);
        }
    }

    private static Map<String, ZipEntry> index(Path file, ZipFile zip, int maxEntries) {
        Map<String, ZipEntry> byName = new LinkedHashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        for (int n = 0; all.hasMoreElements(); n++) {
            ZipEntry e = all.nextElement();
            String name = e.getName();
            if (n >= maxEntries) {
                throw new ModelFormatException(file.toString(), name, "more than " + maxEntries + " entries");
            }
            if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.contains(":")
                    || List.of(name.split("[/\\\\]")).contains("..") || name.indexOf('\0') >= 0) {
                throw new ModelFormatException(file.toString(), name, "entry path points outside the archive");
            }
            if (byName.put(name, e) != null) {
                throw new ModelFormatException(file.toString(), name, "entry name appears twice");
            }
        }
        return byName;
    }

    /** The entry names, in archive order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** True when the archive has an entry of this name. */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The size the archive declares for an entry (-1 when unknown or absent). */
    public long declaredSize(String name) {
        ZipEntry e = entries.get(name);
        return e == null ? -1 : e.getSize();
    }

    /**
     * The bytes of entry {@code name} (null when absent), inflated with at most {@code limit} bytes
     * and checked against the declared size and CRC32.
     */
    public byte[] read(String name, long limit) {
        ZipEntry e = entries.get(name);
        if (e == null) {
            return null;
        }
        if (e.getSize() > limit) {
            throw tooLarge(e, limit);
        }
        byte[] buf = new byte[(int) Math.min(limit, e.getSize() >= 0 ? e.getSize() : 1 << 16) + 1];
        int len = 0;
        try (InputStream in = zip.getInputStream(e)) {
            for (int r; (r = in.read(buf, len, buf.length - len)) > 0; ) {
                len += r;
                if (len > limit) {
                    throw tooLarge(e, limit);
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(limit + 1, 2L * buf.length));
                }
            }
        } catch (ZipException x) {
            throw new ModelFormatException(file.toString(), name, "damaged: " + x.getMessage(), x);
        } catch (IOException x) {
            throw new ModelFormatException(file.toString(), name, "cannot read: " + x, x);
        } catch (RuntimeException x) {
            throw x instanceof ModelFormatException m ? m
                    : new ModelFormatException(file.toString(), name, "damaged: " + x, x);
        }
        CRC32 crc = new CRC32();
        crc.update(buf, 0, len);
        if (e.getSize() >= 0 && len != e.getSize() || e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw new ModelFormatException(file.toString(), name, "damaged: " + len + " bytes inflated with CRC "
                    + Long.toHexString(crc.getValue()) + " but the archive declares " + e.getSize() + " bytes with CRC "
                    + Long.toHexString(e.getCrc()));
        }
        return Arrays.copyOf(buf, len);
    }

    private ModelFormatException tooLarge(ZipEntry e, long limit) {
        return new ModelFormatException(file.toString(), e.getName(), "entry is larger than the limit of " + limit
                + " bytes (declared " + e.getSize() + "); refusing to read it");
    }

    /** Names an entry in messages: {@code archive!/entry}. */
    public String source(String name) {
        return file + "!/" + name;
    }

    /** The archive's path. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        if (zip == null) {
            return;
        }
        try {
            zip.close();
        } catch (IOException e) {
            System.getLogger(ZipEntries.class.getName()).log(System.Logger.Level.WARNING, "cannot close " + zip.getName()
                    + ": " + e);
        }
    }
}
