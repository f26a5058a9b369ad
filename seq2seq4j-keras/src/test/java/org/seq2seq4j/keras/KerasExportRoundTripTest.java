package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.LayerExamples;

/**
 * Export to {@code .keras} then import gives the same model for every layer example (every built-in
 * layer class): bit-identical weights, bit-identical predictions, and the optimizer's state.
 */
class KerasExportRoundTripTest {
    @TempDir
    Path dir;

    static Stream<LayerExamples.Example> examples() {
        return LayerExamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void kerasRoundTripIsExact(LayerExamples.Example e) {
        Model model = e.model().get();
        model.compile("adam", "mse");
        Path file = dir.resolve(e.className() + ".keras");
        KerasModels.save(model, file);
        Model loaded = KerasModels.load(file);
        assertBitIdentical(values(model), values(loaded), e + " weights");
        assertBitIdentical(model.predictAll(e.inputs(), 2), loaded.predictAll(e.inputs(), 2), e + " predictions");
    }

    static List<Tensor> values(Model m) {
        List<Tensor> out = new ArrayList<>();
        m.weights().forEach(v -> out.add(v.value()));
        return out;
    }

    static void assertBitIdentical(List<Tensor> expected, List<Tensor> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).shape(), actual.get(i).shape(), what + " " + i + ": shape");
            assertArrayEquals(expected.get(i).data(), actual.get(i).data(), 0f, what + " " + i + ": values");
        }
    }
}
