package org.seq2seq4j.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The classpath this test JVM runs with, as entries a compiler or a child JVM can take. */
public final class TestClasspath {
    private TestClasspath() {
    }

    /**
     * Every entry of {@code java.class.path}, with the {@code Class-Path} of a manifest-only jar
     * (as surefire may start the JVM with) expanded in its place.
     */
    public static List<String> entries() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(e);
            if (e.endsWith(".jar") && Files.isRegularFile(Paths.get(e))) {
                for (Path p : manifestClassPath(Paths.get(e))) {
                    entries.add(p.toString());
                }
            }
        }
        return new ArrayList<>(entries);
    }

    /** The entries joined with the platform's path separator. */
    public static String joined(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }

    private static List<Path> manifestClassPath(Path jarFile) {
        List<Path> out = new ArrayList<>();
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            Manifest mf = jar.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
            if (cp != null) {
                for (String u : cp.trim().split("\\s+")) {
                    Path p = u.startsWith("file:") ? Paths.get(URI.create(u)) : jarFile.resolveSibling(u);
                    if (Files.exists(p)) {
                        out.add(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jarFile, e);
        }
        return out;
    }
}
