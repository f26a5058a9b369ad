package org.seq2seq4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Loads the Keras-faithful golden vectors from {@code ../shared/goldens}. The folder comes from
 * the system property {@code seq2seq4j.shared} (set by the build) or {@code ../shared}.
 * A case file that cannot be read fails the test that asked for it.
 */
public final class Goldens {
    public static final Path SHARED = Paths.get(System.getProperty("seq2seq4j.shared", "../shared"));
    public static final Path DIR = SHARED.resolve("goldens");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Goldens() {
    }

    public static boolean available() {
        return Files.isDirectory(DIR);
    }

    /** Every case whose keras_config class name is accepted by {@code classFilter}, sorted by name. */
    public static Stream<Golden> where(Predicate<Golden> filter) {
        return all().stream().filter(filter);
    }

    /** Every case file in the folder, parsed. */
    public static List<Golden> all() {
        if (!available()) {
            return List.of();
        }
        List<Golden> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                out.add(load(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One case by name (without .json). */
    public static Golden named(String name) {
        return load(DIR.resolve(name + ".json"));
    }

    static Golden load(Path p) {
        try {
            JsonNode root = JSON.readTree(p.toFile());
            return new Golden(p.getFileName().toString().replace(".json", ""), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden case " + p, e);
        }
    }
}
