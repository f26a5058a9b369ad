package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;

/** Hostile and damaged {@code .keras} zips are rejected with the archive, the entry and the problem. */
class KerasArchiveTest {
    private static final byte[] META = "{\"keras_version\": \"3.12.0\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path zip(Map<String, byte[]> entries, boolean stored) throws IOException {
        Path file = tmp.resolve("m.keras");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, byte[]> entries(String config) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("metadata.json", META);
        m.put("config.json", config.getBytes(StandardCharsets.UTF_8));
        m.put("model.weights.h5", new byte[] {1, 2, 3});
        return m;
    }

    @Test
    void entryPathsThatClimbOutAreRejected() throws IOException {
        Map<String, byte[]> m = entries("{}");
        m.put("../../etc/evil", new byte[] {1});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasModels.load(zip(m, false)));
        assertEquals("../../etc/evil", e.location());
        assertTrue(e.getMessage().contains("points outside the archive"), e.getMessage());
    }

    @Test
    void anEntryLargerThanTheLimitIsNotRead() throws IOException {
        Map<String, byte[]> m = entries("{}");
        m.put("config.json", new byte[5_000_000]);              // deflates to a few kB: a small zip bomb
        Path file = zip(m, false);
        assertTrue(Files.size(file) < 100_000);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasArchive.read(file, new KerasArchive.Limits(10, 1_000_000, 1_000_000)));
        assertEquals("config.json", e.location());
        assertTrue(e.getMessage().contains("larger than the limit of 1000000 bytes"), e.getMessage());
    }

    @Test
    void missingEntriesAreNamed() throws IOException {
        Map<String, byte[]> m = entries("{}");
        m.remove("model.weights.h5");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasModels.load(zip(m, false)));
        assertEquals("model.weights.h5", e.location());
        assertTrue(e.getMessage().contains("entry missing"), e.getMessage());
    }

    @Test
    void malformedConfigJsonNamesTheEntryAndTheLine() throws IOException {
        Path file = zip(entries("{\"class_name\": \"Sequential\",\n \"config\": {\"layers\": [}}"), false);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasModels.load(file));
        assertEquals(file + "!/config.json", e.file());
        assertTrue(e.location().matches("byte \\d+ \\(line 2, column \\d+\\)"), e.location());
    }

    @Test
    void damagedEntryBytesFailTheCrc() throws IOException {
        Path file = zip(entries("{\"class_name\": \"Sequential\"}"), true);
        byte[] all = Files.readAllBytes(file);
        byte[] marker = "Sequential".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + marker.length < all.length; i++) {
            if (all[i] == marker[0] && all[i + 1] == marker[1] && all[i + 2] == marker[2]) {
                all[i] = 's';                                      // one flipped byte inside the stored entry
                break;
            }
        }
        Files.write(file, all);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasModels.load(file));
        assertEquals("config.json", e.location());
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsNamed() throws IOException {
        Path file = Files.write(tmp.resolve("x.keras"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasModels.load(file));
        assertTrue(e.getMessage().contains("not a readable zip"), e.getMessage());
    }
}
