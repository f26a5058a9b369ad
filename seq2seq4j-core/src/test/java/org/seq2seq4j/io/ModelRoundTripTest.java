package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.testing.BitExact;
import org.seq2seq4j.testing.LayerExamples;

/**
 * Save then load in the native format gives the same model: the same config text, bit-identical
 * weights and bit-identical predictions, for a model around every class the layer registry knows
 * (a built-in class with no example fails by name) and the extra examples.
 */
class ModelRoundTripTest {
    @TempDir
    Path dir;

    static Stream<String> builtIn() {
        return Layers.builtIn().stream();
    }

    static Stream<LayerExamples.Example> examples() {
        return LayerExamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIn")
    void everyRegisteredClassHasAnExample(String className) {
        assertEquals(className, LayerExamples.of(className).className());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void nativeRoundTripIsExact(LayerExamples.Example e) {
        Model model = e.model().get();
        model.compile("adam", "mse");
        Path file = dir.resolve(e.className() + ".s2s");
        model.save(file);
        Model loaded = Models.load(file);
        assertNotSame(model, loaded);
        assertEquals(Json.write(Layers.kerasEntry(model)), Json.write(Layers.kerasEntry(loaded)), "config of " + e);
        BitExact.assertSame(BitExact.values(model), BitExact.values(loaded), e + " weights");
        BitExact.assertSame(model.predictAll(e.inputs(), 2), loaded.predictAll(e.inputs(), 2), e + " predictions");
    }
}
