package org.seq2seq4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Loads the Keras-faithful golden vectors from {@code ../shared/goldens}, and the fixtures of the
 * test tree: cases in layouts the goldens README allows that the shared folder does not use yet,
 * re-packaging its numbers (folders {@value #FIXTURES} on the test classpath, each with a README
 * saying how its files were made; their cases are named {@code fixtures/<file>}). The shared folder
 * comes from the system property {@code seq2seq4j.shared} (set by the build) or {@code ../shared}.
 * A case file that cannot be read fails the test that asked for it.
 *
 * <pre>{@code
 * Goldens.ofKind(GoldenKind.LAYER).forEach(g -> System.out.println(g.name()));
 * }</pre>
 */
public final class Goldens {
    public static final Path SHARED = Paths.get(System.getProperty("seq2seq4j.shared", "../shared"));
    public static final Path DIR = SHARED.resolve("goldens");
    /** The classpath folder name of the fixtures. */
    public static final String FIXTURES = "golden-fixtures";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Goldens() {
    }

    public static boolean available() {
        return Files.isDirectory(DIR);
    }

    /** Every case (shared and fixtures) of one kind, as {@link GoldenKind#of} reads it. */
    public static Stream<Golden> ofKind(GoldenKind kind) {
        return where(g -> GoldenKind.of(g).orElse(null) == kind);
    }

    /** Every case (shared and fixtures) accepted by {@code filter}. */
    public static Stream<Golden> where(Predicate<Golden> filter) {
        return cases().stream().filter(filter);
    }

    /** The shared cases sorted by name, then the fixtures on the classpath; two cases of one name are an error. */
    public static List<Golden> cases() {
        List<Golden> out = new ArrayList<>(all());
        out.addAll(fixtures());
        Set<String> names = new HashSet<>();
        for (Golden g : out) {
            if (!names.add(g.name())) {
                throw new IllegalStateException("two golden cases named " + g.name());
            }
        }
        return out;
    }

    /** Every case file in the shared folder, parsed, sorted by name. */
    public static List<Golden> all() {
        if (!available()) {
            return List.of();
        }
        return folder(DIR, "");
    }

    /** Every fixture case in the {@value #FIXTURES} folders on the test classpath (directories or jars). */
    public static List<Golden> fixtures() {
        List<Golden> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(Goldens.class.getClassLoader().getResources(FIXTURES))) {
                URI uri = url.toURI();
                if (uri.getScheme().equals("jar")) {
                    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                        out.addAll(folder(jar.provider().getPath(uri), "fixtures/"));
                    }
                } else {
                    out.addAll(folder(Paths.get(uri), "fixtures/"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the golden fixtures", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the golden fixtures", e);
        }
        return out;
    }

    /** One shared case by name (without .json). */
    public static Golden named(String name) {
        return load(DIR.resolve(name + ".json"), "");
    }

    private static List<Golden> folder(Path dir, String prefix) {
        List<Golden> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(load(p, prefix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list golden cases in " + dir, e);
        }
        return out;
    }

    private static Golden load(Path p, String prefix) {
        try (InputStream in = Files.newInputStream(p)) {
            JsonNode root = JSON.readTree(in);
            return new Golden(prefix + p.getFileName().toString().replace(".json", ""), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden case " + p, e);
        }
    }
}
