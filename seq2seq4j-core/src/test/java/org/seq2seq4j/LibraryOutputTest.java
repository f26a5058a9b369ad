package org.seq2seq4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library (core and keras) prints only where the caller asked for it; everything else goes
 * through {@link System.Logger}. Reads the main sources of both modules under the repository root
 * ({@code seq2seq4j.root}, set by the build).
 */
class LibraryOutputTest {
    private static final Path ROOT = Paths.get(System.getProperty("seq2seq4j.root", ".."));
    private static final Pattern PRINTING = Pattern.compile("System\\.(out|err)\\b|printStackTrace\\(");

    /** The files allowed to print, and why: each is output the caller asked for. */
    private static final Map<String, String> ASKED = Map.of(
            "models/Trainer.java", "fit/evaluate/predict progress with verbose > 0 (ProgbarLogger on System.out)",
            "models/Model.java", "summary() prints the table: that is what it is for",
            "callbacks/EarlyStopping.java", "EarlyStopping(verbose > 0) messages, as Keras prints them",
            "callbacks/ModelCheckpoint.java", "ModelCheckpoint(verbose > 0) messages, as Keras prints them",
            "callbacks/ReduceLROnPlateau.java", "ReduceLROnPlateau(verbose > 0) messages, as Keras prints them");

    @Test
    void onlyAskedForOutputIsPrinted() throws IOException {
        Path core = ROOT.resolve("seq2seq4j-core/src/main/java/org/seq2seq4j");
        Path keras = ROOT.resolve("seq2seq4j-keras/src/main/java/org/seq2seq4j");
        assumeTrue(Files.isDirectory(core) && Files.isDirectory(keras), "skipped: no module sources under " + ROOT);
        Map<String, String> printing = new TreeMap<>();
        for (Path base : List.of(core, keras)) {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).strip();
                        if (!code.startsWith("*") && !code.startsWith("//") && PRINTING.matcher(code).find()) {
                            printing.merge(base.relativize(f).toString().replace('\\', '/'), "line " + (i + 1),
                                    (a, b) -> a + ", " + b);
                        }
                    }
                }
            }
        }
        assertEquals(new TreeMap<>(ASKED).keySet(), printing.keySet(),
                "files that print (log through System.Logger instead unless the caller asked): " + printing);
    }
}
