package org.seq2seq4j.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.seq2seq4j.ModelFormatException;

/**
 * The entries of a Keras 3 {@code .keras} zip ({@code config.json}, {@code metadata.json},
 * {@code model.weights.h5}) read into memory safely: only those exact names are read and nothing is
 * ever written to disk, an archive with an entry path that climbs out ({@code ../}) or is absolute,
 * with duplicate names or with more than {@link Limits#entries} entries is rejected, and every entry
 * is read with a size limit that the bytes actually inflated are counted against (declared sizes
 * can lie, as in zip bombs) and a CRC check. Every problem is a {@link ModelFormatException}
 * naming the archive, the entry and the problem.
 *
 * <pre>{@code
 * KerasArchive a = KerasArchive.read(Path.of("s2s_model.keras"));
 * byte[] config = a.entry("config.json");       // a.entry("model.weights.h5") holds the HDF5 weights
 * }</pre>
 */
final class KerasArchive {
    static final List<String> NAMES = List.of("config.json", "metadata.json", "model.weights.h5");

    /** Bounds on what an archive may make us read. */
    record Limits(int entries, long jsonBytes, long weightBytes) {
        static final Limits DEFAULT = new Limits(10_000, 64L << 20, Integer.MAX_VALUE - 8L);
    }

    private final Path file;
    private final Map<String, byte[]> entries;

    private KerasArchive(Path file, Map<String, byte[]> entries) {
        this.file = file;
        this.entries = entries;
    }

    static KerasArchive read(Path file) {
        return read(file, Limits.DEFAULT);
    }

    static KerasArchive read(Path file, Limits limits) {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file.toString(), "/", "is a directory, not a .keras zip");
        }
        if (!Files.exists(file)) {
            throw new ModelFormatException(file.toString(), "/", "file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, ZipEntry> byName = index(file, zip, limits);
            Map<String, byte[]> out = new HashMap<>();
            for (String name : NAMES) {
                ZipEntry e = byName.get(name);
                if (e == null) {
                    throw new ModelFormatException(file.toString(), name, "entry missing: a Keras 3 .keras file holds "
                            + NAMES + " but this one has " + byName.keySet());
                }
                out.put(name, bytes(file, zip, e, name.endsWith(".json") ? limits.jsonBytes() : limits.weightBytes()));
            }
            return new KerasArchive(file, out);
        } catch (ZipException e) {
            throw new ModelFormatException(file.toString(), "/", "not a readable zip (truncated or not a .keras"
                    + " file): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "/", "cannot read: " + e, e);
        }
    }

    private static Map<String, ZipEntry> index(Path file, ZipFile zip, Limits limits) {
        Map<String, ZipEntry> byName = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        for (int n = 0; all.hasMoreElements(); n++) {
            ZipEntry e = all.nextElement();
            String name = e.getName();
            if (n >= limits.entries()) {
                throw new ModelFormatException(file.toString(), name, "more than " + limits.entries() + " entries");
            }
            if (name.startsWith("/") || name.startsWith("\\") || name.contains(":") || List.of(name.split("[/\\\\]"))
                    .contains("..")) {
                throw new ModelFormatException(file.toString(), name, "entry path points outside the archive");
            }
            if (!seen.add(name)) {
                throw new ModelFormatException(file.toString(), name, "entry name appears twice");
            }
            byName.put(name, e);
        }
        return byName;
    }

    /** An entry's bytes, counted while inflating against {@code limit} and checked against its CRC. */
    private static byte[] bytes(Path file, ZipFile zip, ZipEntry e, long limit) throws IOException {
        if (e.getSize() > limit) {
            throw tooLarge(file, e, limit);
        }
        byte[] buf = new byte[(int) Math.min(limit, e.getSize() >= 0 ? e.getSize() : 1 << 16) + 1];
        int len = 0;
        CRC32 crc = new CRC32();
        try (InputStream in = zip.getInputStream(e)) {
            for (int r; (r = in.read(buf, len, buf.length - len)) > 0; ) {
                len += r;
                if (len > limit) {
                    throw tooLarge(file, e, limit);
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(limit + 1, 2L * buf.length));
                }
            }
        }
        crc.update(buf, 0, len);
        if (e.getSize() >= 0 && len != e.getSize() || e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw new ModelFormatException(file.toString(), e.getName(), "damaged: " + len + " bytes inflated with CRC "
                    + Long.toHexString(crc.getValue()) + " but the archive declares " + e.getSize() + " bytes with CRC "
                    + Long.toHexString(e.getCrc()));
        }
        return Arrays.copyOf(buf, len);
    }

    private static ModelFormatException tooLarge(Path file, ZipEntry e, long limit) {
        return new ModelFormatException(file.toString(), e.getName(), "entry is larger than the limit of " + limit
                + " bytes (declared " + e.getSize() + "); refusing to read it");
    }

    /** The bytes of one of {@link #NAMES}. */
    byte[] entry(String name) {
        return entries.get(name);
    }

    /** Names an entry in messages: {@code archive!/entry}. */
    String source(String name) {
        return file + "!/" + name;
    }
}
