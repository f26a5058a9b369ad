package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;
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
            assertArrayEquals(bits(expected.get(i)), bits(actual.get(i)), what + " " + i + ": values");
        }
    }

    private static int[] bits(Tensor t) {
        int[] b = new int[t.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(t.data()[i]);
        }
        return b;
    }
}
