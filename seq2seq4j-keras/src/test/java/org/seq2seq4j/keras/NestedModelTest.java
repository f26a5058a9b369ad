package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;

/**
 * A hand-made Keras 3 {@code .keras} file with a nested Sequential and a shared layer, weights in
 * Keras 3's positional layout (the nested model's layers under its own {@code layers}, the shared
 * layer stored once), so the output is exact: x = [1, 2, 3] -> inner Dense -> shared Dense twice
 * -> Dense gives 29.25 (worked by hand in {@link #expectedOutput}).
 */
class NestedModelTest {
    private static final String CONFIG = """
            {"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "outer",
              "layers": [
                {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 3],
                  "dtype": "float32", "name": "x"}, "registered_name": null, "name": "x", "inbound_nodes": []},
                {"module": "keras", "class_name": "Sequential", "config": {"name": "inner", "layers": [
                    {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 3],
                      "name": "inner_in"}},
                    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d1", "units": 2}}]},
                  "name": "inner", "inbound_nodes": [{"args": [%s], "kwargs": {}}]},
                {"module": "keras.layers", "class_name": "Dense", "config": {"name": "s", "units": 2}, "name": "s",
                  "inbound_nodes": [{"args": [%s], "kwargs": {}}, {"args": [%s], "kwargs": {}}]},
                {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d2", "units": 1}, "name": "d2",
                  "inbound_nodes": [{"args": [%s], "kwargs": {}}]}],
              "input_layers": [["x", 0, 0]], "output_layers": [["d2", 0, 0]]}}
            """.formatted(tensor("x", 0), tensor("inner", 0), tensor("s", 0), tensor("s", 1));

    @TempDir
    Path tmp;

    private static String tensor(String layer, int node) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"" + layer + "\", " + node
                + ", 0]}}";
    }

    /** d1: [1,2,3]·[[1,0],[0,1],[1,1]] + [0.5,-0.5] = [4.5, 4.5]; s: ·[[1,2],[0,1]] + [0,1] -> [4.5, 14.5] ->
     *  [4.5, 24.5]; d2: ·[[1],[1]] + 0.25 = 29.25. */
    private static final float EXPECTED = 29.25f;

    @Test
    void expectedOutput() throws IOException {
        Path weights = tmp.resolve("model.weights.h5");
        try (WritableHdfFile w = HdfFile.write(weights)) {
            WritableGroup layers = w.putGroup("layers");
            vars(layers.putGroup("sequential").putGroup("layers").putGroup("dense"),
                    new float[][] {{1, 0}, {0, 1}, {1, 1}}, new float[] {0.5f, -0.5f});
            vars(layers.putGroup("dense"), new float[][] {{1, 2}, {0, 1}}, new float[] {0, 1});
            vars(layers.putGroup("dense_1"), new float[][] {{1}, {1}}, new float[] {0.25f});
        }
        Path file = tmp.resolve("nested.keras");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            put(z, "metadata.json", "{\"keras_version\": \"3.12.0\"}".getBytes(StandardCharsets.UTF_8));
            put(z, "config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
            put(z, "model.weights.h5", Files.readAllBytes(weights));
        }
        Model m = KerasModels.load(file);
        assertEquals(List.of("x", "inner", "s", "d2"), m.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("inner_in", "d1"),
                ((Sequential) m.getLayer("inner")).layers().stream().map(Layer::name).toList());
        assertEquals(EXPECTED, m.predict(Tensor.of(new float[] {1, 2, 3}, 1, 3)).get(0, 0), 1e-6);
    }

    private static void vars(WritableGroup layer, float[][] kernel, float[] bias) {
        WritableGroup vars = layer.putGroup("vars");
        vars.putDataset("0", kernel);
        vars.putDataset("1", bias);
    }

    private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(bytes);
        z.closeEntry();
    }
}
