package org.seq2seq4j.keras;


import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.testing.BitExact;
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
        BitExact.assertSame(BitExact.values(model), BitExact.values(loaded), e + " weights");
        BitExact.assertSame(model.predictAll(e.inputs(), 2), loaded.predictAll(e.inputs(), 2), e + " predictions");
    }
}
