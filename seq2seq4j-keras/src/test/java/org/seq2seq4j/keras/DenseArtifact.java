package org.seq2seq4j.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seq2seq4j.tensor.Tensor;

/**
 * A hand-made TF.js layers-model of one {@code Dense(2)} on 3 features with kernel
 * {@code [[1, 2], [3, 4], [5, 6]]} and bias {@code [0.5, -0.5]}, written to a test folder, so the
 * expected outputs are exact: {@code x = [[1, 0, 0], [0, 1, 1]]} gives {@code [[1.5, 1.5], [8.5, 9.5]]}.
 */
final class DenseArtifact {
    static final String MODEL_JSON = """
            {"format": "layers-model", "generatedBy": "TensorFlow.js tfjs-layers v4.22.0", "convertedBy": null,
             "modelTopology": {"class_name": "Sequential", "config": {"name": "s", "layers": [
                 {"class_name": "Dense", "config": {"units": 2, "activation": "linear", "use_bias": true,
                  "name": "dense", "trainable": true, "batch_input_shape": [null, 3], "dtype": "float32"}}]},
               "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"},
             "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
                 {"name": "dense/kernel", "shape": [3, 2], "dtype": "float32"},
                 {"name": "dense/bias", "shape": [2], "dtype": "float32"}]}]}
            """;
    /** The same Dense as a functional TF.js model (input layer, one inbound node). */
    static final String FUNCTIONAL_JSON = """
            {"format": "layers-model", "generatedBy": "TensorFlow.js tfjs-layers v4.22.0", "convertedBy": null,
             "modelTopology": {"class_name": "Model", "config": {"name": "f", "layers": [
                 {"name": "in", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 3],
                  "dtype": "float32", "name": "in"}, "inbound_nodes": []},
                 {"name": "dense", "class_name": "Dense", "config": {"units": 2, "activation": "linear",
                  "use_bias": true, "name": "dense"}, "inbound_nodes": [[["in", 0, 0, {}]]]}],
                 "input_layers": [["in", 0, 0]], "output_layers": [["dense", 0, 0]]},
               "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"},
             "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
                 {"name": "dense/kernel", "shape": [3, 2], "dtype": "float32"},
                 {"name": "dense/bias", "shape": [2], "dtype": "float32"}]}]}
            """;
    static final float[] WEIGHTS = {1, 2, 3, 4, 5, 6, 0.5f, -0.5f};
    static final Tensor X = Tensor.of(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
    static final float[] Y = {1.5f, 1.5f, 8.5f, 9.5f};

    private DenseArtifact() {
    }

    /** The weights as the shard holds them: little-endian float32. */
    static byte[] bin(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Writes {@code model.json} and {@code group1-shard1of1.bin} into {@code dir}; returns the model.json path. */
    static Path write(Path dir, String json, byte[] shard) throws IOException {
        Files.write(dir.resolve("group1-shard1of1.bin"), shard);
        return Files.writeString(dir.resolve("model.json"), json, StandardCharsets.UTF_8);
    }
}
