package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.keras.KerasModels;
import org.seq2seq4j.tensor.Tensor;

/**
 * Model files as the server loads them: a saved .s2s and an exported .keras serve as tensor models
 * under their Keras names and compute what the model computes (x·W + b by hand); a damaged file is a
 * ModelFormatException; a model's name is its file name without the extension.
 */
class ServedModelsTest {
    @TempDir
    Path dir;

    @Test
    void nativeAndKerasFilesServeAsTensorModels() {
        Path s2s = dir.resolve("affine.s2s");
        Path keras = dir.resolve("affine.keras");
        ModelServerTest.affine().save(s2s);
        KerasModels.save(ModelServerTest.affine(), keras);
        for (Path file : List.of(s2s, keras)) {
            TensorModel m = (TensorModel) ServedModels.load(file);
            assertEquals(ModelMetadata.Kind.TENSOR, m.metadata().kind());
            assertEquals("features", m.metadata().inputs().get(0).name());
            assertEquals("scores", m.metadata().outputs().get(0).name());
            Tensor y = m.infer(Map.of("features", Tensor.of(new float[] {1, 0, 2}, 1, 3))).get("scores");
            assertEquals(11.5f, y.data()[0], 1e-5f, file.toString());
            assertEquals(13.5f, y.data()[1], 1e-5f, file.toString());
        }
        assertEquals("affine", ServedModels.defaultName(s2s));
        assertEquals("model", ServedModels.defaultName(Path.of("tfjs/model.json")));
    }

    @Test
    void damagedAndUnknownFilesAreRefused() throws Exception {
        Path s2s = dir.resolve("cut.s2s");
        ModelServerTest.affine().save(s2s);
        byte[] whole = Files.readAllBytes(s2s);
        Files.write(s2s, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThrows(ModelFormatException.class, () -> ServedModels.load(s2s));
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hello");
        ConfigException e = assertThrows(ConfigException.class, () -> ServedModels.load(txt));
        assertEquals("model file", e.argument());
    }
}
