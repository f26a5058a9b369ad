package org.seq2seq4j.keras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;

/**
 * A TensorFlow.js "layers-model": {@code model.json} with {@code modelTopology} (a Keras Sequential
 * or functional model JSON) and
 * {@code weightsManifest} (groups of shard {@code paths} and {@code weights} {@code {name, shape,
 * dtype}}), plus the binary shards beside it holding the weights as little-endian float32, back
 * to back in manifest order. {@link #read} checks the file and every shard (existence, sizes,
 * dtypes) without reading weights; {@link #toModel} builds the model with no more weight values
 * than the manifest lists (a config asking for more fails before allocating them), matches and
 * shape-checks the weights, then reads them, rejecting NaN and infinities. Every problem is a
 * {@link ModelFormatException} naming the file, a JSON pointer or byte offset, and the problem.
 *
 * <pre>{@code
 * Sequential model = TfjsModel.load(Path.of("web_model/model.json"));
 * Tensor y = model.predict(x);
 * Model functional = TfjsModel.loadModel(Path.of("web_s2s/model.json"));   // Sequential or functional
 * // or, step by step:
 * TfjsModel m = TfjsModel.read(Path.of("web_model/model.json"));   // m.format() -> TFJS
 * List<String> missing = m.missingLayerClasses();                  // [] when every layer is supported
 * }</pre>
 */
public final class TfjsModel {
    private final JsonValue root;
    private final ModelConfig topology;
    private final WeightManifest manifest;

    private TfjsModel(JsonValue root, ModelConfig topology, WeightManifest manifest) {
        this.root = root;
        this.topology = topology;
        this.manifest = manifest;
    }

    /** Reads, checks and builds a Sequential model with its weights. */
    public static Sequential load(Path modelJson) {
        return read(modelJson).toSequential();
    }

    /** Reads, checks and builds the model (Sequential or functional) with its weights. */
    public static Model loadModel(Path modelJson) {
        return read(modelJson).toModel();
    }

    /** Reads {@code model.json} and checks it and its shards; no weight is read yet. */
    public static TfjsModel read(Path modelJson) {
        return read(JsonValue.read(modelJson), modelJson);
    }

    static TfjsModel read(JsonValue root, Path modelJson) {
        String format = root.get("format").stringOr("layers-model");
        if (!format.equals("layers-model")) {
            throw root.get("format").error("a TF.js '" + format + "'; only 'layers-model' files (tf.LayersModel"
                    + " .save) can be imported");
        }
        ModelConfig topology = ModelConfig.of(root.get("modelTopology"), root.get("generatedBy").stringOr(null));
        WeightManifest manifest = WeightManifest.read(root.get("weightsManifest"),
                modelJson.toAbsolutePath().getParent());
        return new TfjsModel(root, topology, manifest);
    }

    /** The format the file was written in (TF.js, or Keras 2/3 for converted Keras models). */
    public KerasFormat format() {
        return topology.format();
    }

    /** Layer classes of the topology that core does not register yet; {@link #toModel} fails on them. */
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

    /** The Sequential model with its weights set from the shards; a functional topology is rejected. */
    public Sequential toSequential() {
        if (!(topology instanceof SequentialConfig)) {
            throw root.get("modelTopology").get("class_name").error("a functional model where a Sequential model is"
                    + " expected; use TfjsModel.loadModel / toModel");
        }
        return (Sequential) toModel();
    }

    /** The model (Sequential or functional) with its weights set from the shards. */
    public Model toModel() {
        long values = 0;
        for (WeightManifest.Spec s : manifest.specs()) {
            values += s.shape().size();
        }
        Model model = ImportScope.build(null, root.file(), values, topology::build);
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
