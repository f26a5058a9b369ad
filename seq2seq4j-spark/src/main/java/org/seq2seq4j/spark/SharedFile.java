package org.seq2seq4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.seq2seq4j.ModelFormatException;

/**
 * A file (a model, its vocabularies) that every executor needs: either {@link #broadcast broadcast}
 * from the driver (read there once, sent with Spark's broadcast) or read from a {@link #shared shared}
 * path ({@code hdfs://}, {@code s3a://}, {@code file:} or a plain path every executor can see). On an
 * executor, {@link #local()} gives a local copy, made once per executor JVM; a file an executor
 * cannot read is a {@link ModelFormatException} naming the path and the executor.
 *
 * <pre>{@code
 * SharedFile model = SharedFile.broadcast(sc, file);   // or SharedFile.shared("hdfs:///models/fr-en.s2s")
 * Path local = model.local();                          // in a task: this executor's copy
 * }</pre>
 */
public final class SharedFile implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Path> LOCAL = new ConcurrentHashMap<>();

    private final String name;
    private final String key;
    private final Broadcast<byte[]> bytes;

    private SharedFile(String name, String key, Broadcast<byte[]> bytes) {
        this.name = name;
        this.key = key;
        this.bytes = bytes;
    }

    /** Reads {@code file} on the driver and broadcasts its bytes to the executors. */
    public static SharedFile broadcast(JavaSparkContext sc, Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "on the driver", "cannot be read (" + e + ")", e);
        }
        Broadcast<byte[]> bc = sc.broadcast(b);
        return new SharedFile(file.toString(), "broadcast:" + bc.id() + ":" + sc.sc().applicationId(), bc);
    }

    /** A path every executor reads itself (a Hadoop file system URI or a local path they all see). */
    public static SharedFile shared(String path) {
        if (path == null || path.isBlank()) {
            throw org.seq2seq4j.ConfigException.argument("SharedFile", "path", "a file path or URI", path);
        }
        return new SharedFile(path, "shared:" + path, null);
    }

    /** The path or URI as given (for messages). */
    public String name() {
        return name;
    }

    /** A key that names this file in executor caches. */
    public String key() {
        return key;
    }

    /** A local copy of the file on this JVM, made on first use. */
    public Path local() {
        return LOCAL.computeIfAbsent(key, k -> copy());
    }

    private Path copy() {
        try {
            Path tmp = Files.createTempFile("seq2seq4j-", "-" + name.replaceAll(".*[/\\\\]", ""));
            tmp.toFile().deleteOnExit();
            if (bytes != null) {
                Files.write(tmp, bytes.value());
            } else {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(name);
                FileSystem fs = p.getFileSystem(new Configuration());
                try (InputStream in = fs.open(p)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(name, "on executor " + executor(), "cannot be read (" + e + "); "
                    + "give a path every executor can read, or broadcast the file from the driver", e);
        }
    }

    private static String executor() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "(none)" : env.executorId();
    }

    /**
     * Reads this executor's copy with {@code reader}; a damaged file's {@link ModelFormatException}
     * names the file as given, not the local copy.
     */
    public <T> T read(java.util.function.Function<Path, T> reader) {
        Path local = local();
        try {
            return reader.apply(local);
        } catch (ModelFormatException e) {
            String prefix = e.file() + " (" + e.location() + "): ";
            String m = e.getMessage();
            String problem = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
            throw new ModelFormatException(name, e.location() + ", copy " + local + " on executor " + executor(),
                    problem, e);
        }
    }

    /** Frees the broadcast and this JVM's copy (the driver's, after the jobs that needed the file). */
    void release() {
        if (bytes != null) {
            bytes.destroy();
        }
        Path local = LOCAL.remove(key);
        if (local != null) {
            local.toFile().delete();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
