package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.seq2seq4j.io.Npy;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * Models written by real Keras 3 ({@code scripts/make-keras3-files.py}: the Keras version and why
 * each exists are in its {@code keras.json}) load and compute what Keras computed, to 1e-5, every
 * output and every timestep, masked ones included. Every folder of {@code keras3-written} is a
 * case, by its name.
 */
class Keras3WrittenFilesTest {
    @TestFactory
    Stream<DynamicTest> everyFileComputesWhatKerasComputed() throws IOException, URISyntaxException {
        Path root = Path.of(Keras3WrittenFilesTest.class.getResource("/keras3-written").toURI());
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no cases in " + root);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) {
        Model model = KerasModels.load(dir.resolve("model.keras"));
        List<Tensor> inputs = numbered(dir, "input_");
        List<Tensor> expected = numbered(dir, "output_");
        List<Tensor> ours = model.predictAll(inputs, 32);
        assertEquals(expected.size(), ours.size(), dir + ": outputs");
        for (int k = 0; k < ours.size(); k++) {
            assertEquals(expected.get(k).shape(), ours.get(k).shape(), dir + ": output " + k);
            float[] e = expected.get(k).data();
            float[] o = ours.get(k).data();
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - o[i]) <= 1e-5, dir.getFileName() + " output " + k + " [" + i + "]: Keras "
                        + e[i] + ", ours " + o[i]);
            }
        }
    }

    private static List<Tensor> numbered(Path dir, String prefix) {
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; Files.exists(dir.resolve(prefix + k + ".npy")); k++) {
            out.add(Npy.read(dir.resolve(prefix + k + ".npy")));
        }
        return out;
    }
}
