package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2SeqException;

/** Whole-or-nothing writes: the Javadoc example, and a failing write leaves the old file and no temporary one. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesReplacesAndKeepsTheOldFileWhenAWriteFails() throws Exception {
        Path file = dir.resolve("map.html");
        AtomicFiles.writeString(file, "<p>one</p>");
        AtomicFiles.write(file, tmp -> Files.write(tmp, "<p>two</p>".getBytes()));
        assertEquals("<p>two</p>", Files.readString(file));
        Seq2SeqException e = assertThrows(Seq2SeqException.class, () -> AtomicFiles.write(file, tmp -> {
            Files.writeString(tmp, "<p>half");
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full") && e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("<p>two</p>", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }
}
