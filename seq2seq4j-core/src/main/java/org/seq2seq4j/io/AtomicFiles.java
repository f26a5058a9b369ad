package org.seq2seq4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.seq2seq4j.Seq2SeqException;

/**
 * Writes a file whole or not at all: the content goes to a temporary file beside the target, which
 * is then renamed over it atomically (a plain replace where the file system cannot), so a crash or
 * an error never leaves a half-written file and the old one stays until the new one is complete.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("map.html"), page);
 * AtomicFiles.write(Path.of("model.s2s"), tmp -> Files.write(tmp, bytes));
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /** Lets {@code content} write a temporary file, then renames it to {@code file}. */
    public static void write(Path file, Content content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            content.writeTo(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new Seq2SeqException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    System.getLogger(AtomicFiles.class.getName()).log(System.Logger.Level.WARNING,
                            "could not remove temporary file " + tmp, e);
                }
            }
        }
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path file, String text) {
        write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
