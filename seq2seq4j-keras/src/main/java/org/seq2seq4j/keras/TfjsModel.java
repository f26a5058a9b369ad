package org.seq2seq4j.keras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;

/**
 * A TensorFlow.js "layers-model": {@code model.json} with {@code modelTopology} (Keras JSON) and
 * {@code weightsManifest} (groups of shard {@code paths} and {@code weights} {@code {name, shape,
 * dtype}}), plus the binary shards beside it holding the weights as little-endian float32, back
 * to back in manifest order. {@link #read} checks the file and every shard (existence, sizes,
 * dtypes) without reading weights; {@link #toSequential} builds the model, matches and
 * shape-checks the weights, then reads them, rejecting NaN and infinities. Every problem is a
 * {@link ModelFormatException} naming the file, a JSON pointer or byte offset, and the problem.
 *
 * <pre>{@code
 * Sequential model = TfjsModel.load(Path.of("web_model/model.json"));
 * Tensor y = model.predict(x);
 * // or, step by step:
 * TfjsModel m = TfjsModel.read(Path.of("web_model/model.json"));   // m.format() -> TFJS
 * List<String> missing = m.missingLayerClasses();                  // [] when every layer is supported
 * }</pre>
 */
public final class TfjsModel {
    private final JsonValue root;
    private final SequentialConfig topology;
    private final WeightManifest manifest;

    private TfjsModel(JsonValue root, SequentialConfig topology, WeightManifest manifest) {
        this.root = root;
        this.topology = topology;
        this.manifest = manifest;
    }

    /** Reads, checks and builds the model with its weights. */
    public static Sequential load(Path modelJson) {
        return read(modelJson).toSequential();
    }

    /** Reads {@code model.json} and checks it and its shards; no weight is read yet. */
    public static TfjsModel read(Path modelJson) {
        JsonValue root = JsonValue.read(modelJson);
        String format = root.get("format").stringOr("layers-model");
        if (!format.equals("layers-model")) {
            throw root.get("format").error("a TF.js '" + format + "'; only 'layers-model' files (tf.LayersModel"
                    + " .save) can be imported");
        }
        SequentialConfig topology = SequentialConfig.of(root.get("modelTopology"),
                root.get("generatedBy").stringOr(null));
        WeightManifest manifest = WeightManifest.read(root.get("weightsManifest"),
                modelJson.toAbsolutePath().getParent());
        return new TfjsModel(root, topology, manifest);
    }

    /** The format the file was written in (TF.js, or Keras 2/3 for converted Keras models). */
    public KerasFormat format() {
        return topology.format();
    }

    /** Layer classes of the topology that core does not register yet; {@link #toSequential} fails on them. */
    public List<String> missingLayerClasses() {
        return topology.missingLayerClasses();
    }

    /** The weight names as the manifest lists them, e.g. {@code lstm/kernel}. */
    public List<String> weightNames() {
        List<String> out = new ArrayList<>();
        manifest.specs().forEach(s -> out.add(s.name()));
        return out;
    }

    /** The weight values in manifest order, read from the shards. */
    public List<Tensor> readWeights() {
        List<Tensor> out = manifest.specs().stream().map(s -> Tensor.zeros(s.shape())).toList();
        readInto(out);
        return out;
    }

    /** The model with its weights set from the shards. */
    public Sequential toSequential() {
        Sequential model = topology.build();
        if (!model.isBuilt()) {
            throw root.get("modelTopology").error("the model declares no input shape (no batch_input_shape on the"
                    + " first layer), so its weights cannot be created");
        }
        List<Variable> targets = WeightMatcher.match(model, manifest.specs(), root.get("weightsManifest"));
        readInto(targets.stream().map(Variable::value).toList());
        return model;
    }

    /** Fills {@code dst.get(i)} with the values of spec i, group by group. */
    private void readInto(List<Tensor> dst) {
        List<WeightManifest.Spec> specs = manifest.specs();
        int i = 0;
        for (int g = 0; g < manifest.groups().size(); g++) {
            try (ShardReader reader = new ShardReader(manifest.groups().get(g))) {
                for (; i < specs.size() && specs.get(i).group() == g; i++) {
                    reader.read(specs.get(i), dst.get(i).data());
                }
            }
        }
    }
}
