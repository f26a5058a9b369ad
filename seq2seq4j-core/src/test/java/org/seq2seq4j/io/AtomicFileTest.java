package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2SeqException;

/**
 * What a user sees of a file written by {@link AtomicFile}: the content, the permissions any new
 * file of the process gets (not a temporary file's owner-only ones), a replaced file's own
 * permissions kept, and no leftover temporary file after a failed write.
 */
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFile() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));              // what the umask gives
        Path written = dir.resolve("written.txt");
        AtomicFile.write(written, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(written));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("model.s2s"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(file, out -> out.write('n'));
        assertEquals("n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("model.s2s"), "old");
        assertThrows(Seq2SeqException.class, () -> AtomicFile.write(file, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
