package org.seq2seq4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import org.seq2seq4j.Seq2SeqException;

/**
 * Crash-safe file writing: the content goes to a temporary file in the target's directory, is
 * forced to disk, then renamed over the target in one atomic move, and the directory is forced so
 * the rename itself is durable. Whatever happens during the write (an exception, a kill, a power
 * cut), the target is either the previous file or the complete new one; a failed write removes its
 * temporary file. A new file gets the permissions the process's umask gives any new file; a
 * replaced file keeps its own.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("out/output_0.npy"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFile {
    /** Writes the content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Names of temporary files: unpredictable, so two writers of one target never share one. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    /** Writes {@code target} with {@code content}, replacing it atomically; on failure the target is untouched. */
    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (Files.isDirectory(target)) {
                throw new IOException("the target is a directory");
            }
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            keepPermissions(target, tmp);
            move(tmp, target);
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new Seq2SeqException("cannot write " + target + ": " + e.getMessage()
                    + "; the previous file, if any, is kept", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Gives {@code tmp} the POSIX permissions of an existing {@code target} (file systems without them: nothing). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically, so the file would not be crash-safe", e);
        }
    }

    /** Makes a rename in {@code dir} durable; file systems that cannot open a directory skip this. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            System.getLogger(AtomicFile.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot force directory " + dir + ": " + e);
        }
    }

    /** Removes a leftover temporary file; a failure to remove it must not hide the original error. */
    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            System.getLogger(AtomicFile.class.getName()).log(System.Logger.Level.WARNING,
                    "could not remove temporary file " + tmp + ": " + e);
        }
    }
}
