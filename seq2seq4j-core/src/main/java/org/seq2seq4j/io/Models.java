package org.seq2seq4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.WeightBudget;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.TrainingState;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Loads native model files ({@link ModelFile}, {@code .s2s}). The whole file is checked before the
 * model is handed out: metadata (format, version: a newer format version is refused, naming both
 * versions), the config (every class looked up by name in {@link Layers} or the given
 * {@link CustomObjects}; nothing from the file is executed or class-loaded), every weight and
 * optimizer slot (present, shape, CRC32, finite values, nothing left over), the training state and
 * the assets. A config cannot make layers with more weight values than the file has bytes for. Every
 * problem is a {@link ModelFormatException} naming the file, the entry and the problem.
 *
 * <pre>{@code
 * Model model = Models.load(Path.of("model.s2s"));
 * Model custom = Models.load(Path.of("model.s2s"), new CustomObjects().layer("MyLayer", MyLayer::fromConfig));
 * }</pre>
 */
public final class Models {
    private static final int MAX_ENTRIES = 100_000;
    private static final long JSON_LIMIT = 64L << 20;
    private static final long NPY_HEADER_LIMIT = 1 << 16;
    /** Largest asset, and all assets together (vocabularies and settings are far smaller). */
    private static final long ASSET_LIMIT = 64L << 20;
    private static final long ASSETS_LIMIT = 256L << 20;

    private Models() {
    }

    /** The model saved in a native {@code .s2s} file, with its optimizer, training state and assets. */
    public static Model load(Path file) {
        return load(file, null);
    }

    /** As {@link #load(Path)}, with Java implementations of custom layer classes the file names. */
    public static Model load(Path file, CustomObjects custom) {
        try (ZipEntries zip = ZipEntries.open(file, MAX_ENTRIES, "a seq2seq4j model (" + ModelFile.EXTENSION + ")")) {
            return new Reader(zip).read(custom == null ? new CustomObjects() : custom);
        }
    }

    /**
     * True when {@code file} is a zip whose {@code metadata.json} names the native format (any
     * version), so that loaders of several formats can tell it from a Keras {@code .keras} zip.
     */
    public static boolean isNative(Path file) {
        try (ZipEntries zip = ZipEntries.open(file, MAX_ENTRIES, "a zip")) {
            byte[] m = zip.read(ModelFile.METADATA, JSON_LIMIT);
            return m != null && Json.parse(m, "metadata.json") instanceof LayerConfig c
                    && ModelFile.FORMAT.equals(c.get("format"));
        } catch (ModelFormatException e) {
            return false;
        }
    }

    /** One file being read. */
    private static final class Reader {
        private final ZipEntries zip;
        private final List<String> seen = new ArrayList<>();

        Reader(ZipEntries zip) {
            this.zip = zip;
        }

        Model read(CustomObjects custom) {
            checkMetadata(json(ModelFile.METADATA, true));
            LayerConfig config = json(ModelFile.CONFIG, true);
            Model model = build(config, custom);
            Map<String, Variable> weights = WeightKeys.of(model);
            List<float[]> values = new ArrayList<>();
            weights.forEach((k, v) -> values.add(tensor(ModelFile.WEIGHTS + k + ModelFile.NPY, v.shape(),
                    "weight '" + v.path() + "' of " + model.describe()).data()));
            LayerConfig training = json(ModelFile.TRAINING, false);
            LayerConfig compile = config.getConfig("compile_config");
            if (compile != null) {
                guard(ModelFile.CONFIG + " compile_config", () -> CompileConfig.apply(model, compile));
            }
            Map<String, Tensor> state = optimizerState(model, weights, training);
            Assets assets = assets();
            for (String name : zip.names()) {
                if (!seen.contains(name)) {
                    throw error(name, "unexpected entry: not part of a " + (name.startsWith(ModelFile.WEIGHTS)
                            ? "weight of this model's config" : name.startsWith(ModelFile.OPTIMIZER)
                            ? "slot of this model's optimizer" : "seq2seq4j model file"));
                }
            }
            List<Variable> vars = new ArrayList<>(weights.values());
            for (int i = 0; i < vars.size(); i++) {
                System.arraycopy(values.get(i), 0, vars.get(i).value().data(), 0, values.get(i).length);
            }
            if (!state.isEmpty()) {
                model.optimizer().loadState(state);
            }
            if (training != null) {
                model.trainingState(trainingState(training));
            }
            assets.names().forEach(n -> model.assets().put(n, assets.get(n)));
            return model;
        }

        private void checkMetadata(LayerConfig m) {
            Object format = m.get("format");
            if (!ModelFile.FORMAT.equals(format)) {
                throw error(ModelFile.METADATA, "format is " + (format == null ? "missing" : "'" + format + "'")
                        + ", not '" + ModelFile.FORMAT + "'; not a seq2seq4j model file");
            }
            Object v = m.get("format_version");
            if (!(v instanceof Integer version) || version < 1) {
                throw error(ModelFile.METADATA, "format_version must be a positive integer but is " + v);
            }
            if (version > ModelFile.VERSION) {
                throw error(ModelFile.METADATA, "format version " + version + " was written by a newer seq2seq4j ("
                        + m.get("library_version") + "); this seq2seq4j (" + org.seq2seq4j.Seq2Seq4j.version()
                        + ") reads format version " + ModelFile.VERSION + " and older; upgrade seq2seq4j to load it");
            }
        }

        private Model build(LayerConfig config, CustomObjects custom) {
            long budget;
            try {
                budget = java.nio.file.Files.size(zip.file()) / 4;
            } catch (java.io.IOException e) {
                throw error(ModelFile.CONFIG, "cannot read the file size: " + e);
            }
            Layer layer;
            try (CustomObjects.Scope s = custom.enter(); WeightBudget b = WeightBudget.open(zip.source("weights/"), budget)) {
                layer = guard(ModelFile.CONFIG, () -> Layers.deserialize(config));
            } catch (StackOverflowError e) {
                throw error(ModelFile.CONFIG, "layers nested too deeply to build");
            }
            if (!(layer instanceof Model model)) {
                throw error(ModelFile.CONFIG, "class_name '" + config.get("class_name") + "' is a layer, not a model"
                        + " (Sequential or Functional)");
            }
            if (!model.isBuilt() && model.weights().isEmpty()) {
                throw error(ModelFile.CONFIG, model.describe() + " declares no input shape, so its weights cannot be made");
            }
            return model;
        }

        private Map<String, Tensor> optimizerState(Model model, Map<String, Variable> weights, LayerConfig training) {
            boolean any = zip.names().stream().anyMatch(n -> n.startsWith(ModelFile.OPTIMIZER));
            Optimizer o = model.optimizer();
            if (o == null) {
                return Map.of();
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            if (any) {
                o.build(model.trainableWeights());
            }
            Map<String, String> keys = WeightKeys.optimizer(o, weights);
            for (Map.Entry<String, Tensor> e : o.state().entrySet()) {
                if (!e.getKey().equals("iterations")) {
                    out.put(e.getKey(), tensor(ModelFile.OPTIMIZER + keys.get(e.getKey()) + ModelFile.NPY,
                            e.getValue().shape(), "optimizer state '" + e.getKey() + "'"));
                }
            }
            Object it = training == null ? null : training.get("optimizer_iterations");
            if (it != null && !(it instanceof Number n && n.longValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue()))) {
                throw error(ModelFile.TRAINING, "optimizer_iterations must be a non-negative integer but is " + it);
            }
            out.put("iterations", Tensor.scalar(it == null ? 0 : ((Number) it).longValue()));
            return out;
        }

        private TrainingState trainingState(LayerConfig t) {
            Object seed = t.get("seed");
            Object epochs = t.get("epochs");
            if (!(seed instanceof Long || seed instanceof Integer) || !(epochs instanceof Integer e) || e < 0) {
                throw error(ModelFile.TRAINING, "expected an integer seed and a non-negative integer epochs but found "
                        + t);
            }
            return new TrainingState(((Number) seed).longValue(), e);
        }

        private Assets assets() {
            Assets out = new Assets();
            long total = 0;
            for (String name : zip.names()) {
                if (name.startsWith(ModelFile.ASSETS)) {
                    String asset = name.substring(ModelFile.ASSETS.length());
                    if (!Assets.isValidName(asset)) {
                        throw error(name, "asset name '" + asset + "' is not a valid asset name");
                    }
                    seen.add(name);
                    byte[] bytes = zip.read(name, Math.min(ASSET_LIMIT, ASSETS_LIMIT - total));
                    total += bytes.length;
                    out.put(asset, bytes);
                }
            }
            return out;
        }

        /** The float32 array of entry {@code name}, which must have {@code shape} and finite values. */
        private Tensor tensor(String name, Shape shape, String what) {
            byte[] bytes = zip.read(name, NPY_HEADER_LIMIT + 4L * shape.size());
            if (bytes == null) {
                throw error(name, "entry missing: the file has no " + what + " " + shape);
            }
            seen.add(name);
            Npy.Header h = Npy.header(bytes, zip.source(name));
            if (!h.descr().equals("<f4") || !h.shape().equals(shape)) {
                throw error(name, what + " is " + h.descr() + " " + h.shape() + " in the file but " + shape
                        + " float32 ('<f4') in the model");
            }
            Tensor t = Npy.read(bytes, zip.source(name));
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw error(name, what + " holds " + d[i] + " at flat index " + i);
                }
            }
            return t;
        }

        private LayerConfig json(String name, boolean required) {
            byte[] bytes = zip.read(name, JSON_LIMIT);
            if (bytes == null) {
                if (!required) {
                    return null;
                }
                boolean keras = zip.has("model.weights.h5");
                throw error(name, "entry missing, so this is not a seq2seq4j model file" + (keras
                        ? " (it looks like a Keras 3 .keras file: load it with KerasModels.load)" : "")
                        + "; entries: " + shortList(zip.names()));
            }
            seen.add(name);
            Object v = Json.parse(bytes, zip.source(name));
            if (!(v instanceof LayerConfig c)) {
                throw error(name, "expected a JSON object");
            }
            return c;
        }

        private <T> T guard(String where, java.util.function.Supplier<T> work) {
            try {
                return work.get();
            } catch (ModelFormatException e) {
                throw e;
            } catch (Seq2SeqException e) {
                throw error(where, e.getMessage());
            }
        }

        private void guard(String where, Runnable work) {
            guard(where, () -> {
                work.run();
                return null;
            });
        }

        private ModelFormatException error(String entry, String problem) {
            return new ModelFormatException(zip.file().toString(), entry, problem);
        }

        private static String shortList(List<String> names) {
            return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " and " + (names.size() - 8) + " more";
        }
    }
}
