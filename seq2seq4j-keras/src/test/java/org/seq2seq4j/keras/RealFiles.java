package org.seq2seq4j.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.testing.Goldens;

/** The real Keras files of {@code ../shared/data} (read in place, never copied) and what loading them needs. */
final class RealFiles {
    static final Path DATA = Goldens.SHARED.resolve("data");

    private RealFiles() {
    }

    /** Every {@code .h5} file below the data folder, sorted; empty when the folder is absent. */
    static List<Path> h5Files() {
        return files(".h5");
    }

    /** Every {@code .keras} file below the data folder, sorted. */
    static List<Path> kerasFiles() {
        return files(".keras");
    }

    private static List<Path> files(String suffix) {
        if (!Files.isDirectory(DATA)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(DATA)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the file holds a whole model ({@code model_config}), not weights only. */
    static boolean isFullModel(Path h5) {
        try (H5File f = H5File.open(h5)) {
            return f.string(f.root(), "model_config") != null;
        }
    }

    /** The architecture JSON beside a weights-only file (the only other {@code .json} that is a model config). */
    static Path architecture(Path weightsOnly) {
        String dir = weightsOnly.getParent().getFileName().toString();
        return weightsOnly.resolveSibling(dir.equals("keras2-s2s-fra-chen0040") ? "eng-to-fra-char-architecture.json"
                : "model.json");
    }

    /**
     * The custom objects a file's model was built with: the deeplearning.ai date model's
     * {@code softmax} is the course's softmax over axis 1 (PROVENANCE.md); none for the others.
     */
    static CustomObjects customObjects(Path file) {
        CustomObjects c = new CustomObjects();
        return file.toString().contains("keras2-date-attention-deeplearningai")
                ? c.activation("softmax", () -> new Softmax(1)) : c;
    }
}
