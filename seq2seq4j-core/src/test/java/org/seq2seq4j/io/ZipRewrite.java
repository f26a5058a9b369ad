package org.seq2seq4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: copies a zip with some entries replaced, added (non-null value) or dropped (null value). */
final class ZipRewrite {
    private ZipRewrite() {
    }

    static Path with(Path src, Path dst, Map<String, byte[]> changes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(src.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry x = e.nextElement();
                entries.put(x.getName(), z.getInputStream(x).readAllBytes());
            }
        }
        changes.forEach((k, v) -> {
            if (v == null) {
                entries.remove(k);
            } else {
                entries.put(k, v);
            }
        });
        try (OutputStream out = Files.newOutputStream(dst); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return dst;
    }

    /** A copy without entry {@code name}. */
    static Path without(Path src, Path dst, String name) throws IOException {
        Map<String, byte[]> drop = new LinkedHashMap<>();
        drop.put(name, null);
        return with(src, dst, drop);
    }

    /** The text of one entry. */
    static String text(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

}
