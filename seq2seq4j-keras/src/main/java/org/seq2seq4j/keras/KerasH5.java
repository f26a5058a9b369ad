package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.models.Model;

/**
 * Keras HDF5 files: the Keras 2 full model {@code model.save("m.h5")} (root attribute
 * {@code model_config} holding the model JSON, weights in group {@code model_weights}), Keras 2
 * weights-only files {@code model.save_weights("w.h5")} ({@code layer_names} at the root) and
 * Keras 3 weights-only files {@code model.weights.h5} ({@code layers/...}, see
 * {@link Keras3Layout}). Weights are found through the attributes Keras writes, never by guessing
 * paths, and matched to the model's layers as Keras's {@code load_weights} does: by their order in
 * {@code model.layers} (default), or by name, optionally skipping mismatched layers
 * ({@code skip_mismatch}) with a {@link LoadReport} of what was skipped. Every layer, count, shape,
 * dtype and data extent is checked before any value is read; values must be finite. A file cut
 * short is reported as truncated. Every problem is a {@link org.seq2seq4j.ModelFormatException}
 * naming the file, the HDF5 path and the problem.
 *
 * <pre>{@code
 * Model s2s = KerasH5.load(Path.of("s2s.h5"));                       // Keras 2 hard_sigmoid kept
 * Model arch = KerasJson.load(Path.of("architecture.json"));
 * KerasH5.loadWeights(arch, Path.of("weights.h5"));                  // by layer order, as Keras
 * LoadReport r = KerasH5.loadWeights(arch, Path.of("weights.h5"), true, true);   // by name, skip mismatches
 * Model custom = KerasH5.load(Path.of("attention.h5"),
 *         new CustomObjects().activation("softmax", () -> new Softmax(1)));
 * }</pre>
 */
public final class KerasH5 {
    private KerasH5() {
    }

    /** The model a full-model Keras {@code .h5} file describes, with its weights. */
    public static Model load(Path file) {
        return load(file, null);
    }

    /** As {@link #load(Path)}, with the Java implementations of the file's custom objects. */
    public static Model load(Path file, CustomObjects custom) {
        try (H5File h5 = H5File.open(file)) {
            String config = h5.string(h5.root(), "model_config");
            if (config == null) {
                throw h5.error("/", "no 'model_config' attribute: not a full-model Keras file (for weights-only"
                        + " files build the model first and use KerasH5.loadWeights)");
            }
            JsonValue json = JsonValue.parse(config.getBytes(StandardCharsets.UTF_8),
                    file + " attribute model_config");
            String version = h5.string(h5.root(), "keras_version");
            if (version != null) {
                json.object().putIfAbsent("keras_version", version);
            }
            Group weights = weightsGroup(h5);
            List<FileLayer> layers = Keras2Layout.read(h5, weights);
            List<Dataset> all = new ArrayList<>();
            layers.forEach(l -> all.addAll(l.weights()));
            Model model = ImportScope.build(custom, h5.source(), WeightLoader.valueCount(h5, all),
                    () -> ModelConfig.of(json, null).build());
            WeightLoader.load(h5, layers, KerasLayerOrder.of(model), false, false);
            return model;
        }
    }

    /** Sets every weight of {@code model} from a Keras weights file, matching layers by their order as Keras does. */
    public static void loadWeights(Model model, Path file) {
        loadWeights(model, file, false, false);
    }

    /**
     * Sets the weights of {@code model} from a Keras 2 or Keras 3 weights file (or the weights of a
     * full-model file), as Keras's {@code load_weights(file, by_name, skip_mismatch)}: layers matched
     * by name instead of order with {@code byName}; layers whose weight count or shapes differ left
     * alone and reported with {@code skipMismatch} (an error otherwise).
     */
    public static LoadReport loadWeights(Model model, Path file, boolean byName, boolean skipMismatch) {
        try (H5File h5 = H5File.open(file)) {
            return loadWeights(model, h5, byName, skipMismatch);
        }
    }

    /** As {@link #loadWeights(Model, Path, boolean, boolean)} for an open file (e.g. a zip entry). */
    static LoadReport loadWeights(Model model, H5File h5, boolean byName, boolean skipMismatch) {
        Group root = weightsGroup(h5);
        if (Keras3Layout.matches(h5, root)) {
            if (byName) {
                throw h5.error("/", "a Keras 3 weights file stores weights by position, not by layer name, so it"
                        + " cannot be loaded by name (Keras 3 rejects by_name for .weights.h5 too)");
            }
            return loadKeras3(h5, Keras3Layout.entries(model), model, skipMismatch);
        }
        return WeightLoader.load(h5, Keras2Layout.read(h5, root), KerasLayerOrder.of(model), byName, skipMismatch);
    }

    /** Keras 3 layout: entries in the file's layer order (the config's, for a .keras file). */
    static LoadReport loadKeras3(H5File h5, List<Keras3Layout.Entry> entries, Model model, boolean skipMismatch) {
        List<String> unclaimed = new ArrayList<>();
        List<FileLayer> layers = Keras3Layout.read(h5, entries, unclaimed);
        if (!unclaimed.isEmpty() && !skipMismatch) {
            throw WeightLoader.unclaimed(h5, unclaimed);
        }
        List<Layer> ordered = new ArrayList<>();
        entries.forEach(e -> ordered.add(e.layer()));
        LoadReport r = WeightLoader.load(h5, layers, ordered, false, skipMismatch);
        List<String> skipped = new ArrayList<>(r.skipped());
        unclaimed.forEach(g -> skipped.add(g + ": in the file but the model has no layer at that position"));
        return new LoadReport(r.loaded(), skipped);
    }

    /** {@code model_weights} in a full-model file, else the root. */
    private static Group weightsGroup(H5File h5) {
        Group weights = h5.group(h5.root(), "model_weights");
        return weights == null ? h5.root() : weights;
    }
}
