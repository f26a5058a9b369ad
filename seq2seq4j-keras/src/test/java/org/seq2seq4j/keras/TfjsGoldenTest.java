package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/**
 * Every TF.js artifact in {@code goldens/artifacts/<case>/}: read and checked (manifest, shards,
 * sizes, values equal to the golden case's weights), then loaded and run on the case's input and
 * compared with its output. An artifact with layers core does not register fails, naming them.
 */
class TfjsGoldenTest {
    static final Path ARTIFACTS = Goldens.DIR.resolve("artifacts");

    @BeforeAll
    static void needArtifacts() {
        assumeTrue(Files.isDirectory(ARTIFACTS), "skipped: no TF.js artifacts at " + ARTIFACTS);
    }

    static Stream<String> artifacts() throws IOException {
        try (Stream<Path> dirs = Files.list(ARTIFACTS)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void weightsEqualTheGoldenWeights(String name) {
        TfjsModel m = TfjsModel.read(ARTIFACTS.resolve(name).resolve("model.json"));
        Golden g = Goldens.named(name);
        List<Tensor> expected = g.weights();
        List<Tensor> actual = m.readWeights();
        assertEquals(expected.size(), actual.size(), name + ": number of weights");
        for (int i = 0; i < expected.size(); i++) {
            assertAllClose(expected.get(i), actual.get(i), 0, name + " weight " + m.weightNames().get(i));
        }
        assertEquals(KerasFormat.TFJS, m.format(), name + ": format");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void predictsTheGoldenOutput(String name) {
        TfjsModel m = TfjsModel.read(ARTIFACTS.resolve(name).resolve("model.json"));
        assertEquals(List.of(), m.missingLayerClasses(), name + ": layer classes not registered in"
                + " org.seq2seq4j.layers.Layers");
        Golden g = Goldens.named(name);
        Sequential model = m.toSequential();
        assertAllClose(g.outputs().get(0), model.predict(g.inputs().get(0)), g.tolerance(), name);
    }
}
