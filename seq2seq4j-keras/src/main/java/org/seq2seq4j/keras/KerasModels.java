package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.io.Models;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.models.Model;

/**
 * One entry point for every model file, the format found from the file's first bytes: a native
 * seq2seq4j {@code .s2s} zip (read by {@link Models}), a Keras 3 {@code .keras} zip ({@code config.json} + {@code model.weights.h5}, weights in the Keras 3
 * layout), a Keras 2 full-model {@code .h5}, a TF.js {@code model.json}; and, with two paths, an
 * architecture JSON plus a Keras 2 or Keras 3 weights-only {@code .h5}. Custom classes and
 * activations come from a {@link CustomObjects}. {@link KerasH5}, {@link KerasJson} and
 * {@link TfjsModel} stay available for one format each.
 *
 * <pre>{@code
 * Model rus = KerasModels.load(Path.of("s2s_model.keras"));                   // rus.inputCount() -> 2
 * Model fra = KerasModels.load(Path.of("eng-to-fra-char-architecture.json"), Path.of("eng-to-fra-char-weights.h5"));
 * Model date = KerasModels.load(Path.of("model.h5"),                           // the course's softmax(axis=1)
 *         new CustomObjects().activation("softmax", () -> new Softmax(1)));   // date.outputCount() -> 10
 * }</pre>
 */
public final class KerasModels {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasModels() {
    }

    /** The model a {@code .keras}, full-model {@code .h5} or TF.js {@code model.json} file holds, with its weights. */
    public static Model load(Path file) {
        return load(file, (CustomObjects) null);
    }

    /** As {@link #load(Path)}, with the Java implementations of the file's custom objects. */
    public static Model load(Path file, CustomObjects custom) {
        byte[] head = head(file);
        if (startsWith(head, ZIP)) {
            return Models.isNative(file) ? Models.load(file, custom) : loadKeras3(file, custom);
        }
        if (startsWith(head, HDF5)) {
            return KerasH5.load(file, custom);
        }
        JsonValue root = JsonValue.read(file);
        if (root.object().containsKey("modelTopology")) {
            return ImportScope.build(custom, file.toString(), -1, () -> TfjsModel.read(root, file).toModel());
        }
        throw root.error("a Keras model config without weights; load it with KerasModels.load(config, weights)"
                + " or KerasJson.load for freshly initialised weights");
    }

    /**
     * Saves {@code model} as a Keras 3 {@code .keras} file that {@code keras.saving.load_model} reads
     * (config, weights in Keras 3's layout, compile config and optimizer variables), atomically. A
     * model using Keras 2's hard sigmoid needs, in Python, the function registered as
     * {@code seq2seq4j>hard_sigmoid_keras2} (see the README).
     */
    public static void save(Model model, Path file) {
        KerasExport.save(model, file);
    }

    /**
     * Saves the weights alone as a Keras 3 {@code .weights.h5} ({@code model.save_weights}), atomically;
     * {@link #load(Path, Path)} or {@link KerasH5#loadWeights} read it back.
     */
    public static void saveWeights(Model model, Path file) {
        KerasExport.saveWeights(model, file);
    }

    /** The model an architecture JSON describes, with its weights from a Keras 2 or Keras 3 weights-only file. */
    public static Model load(Path architectureJson, Path weights) {
        return load(architectureJson, weights, (CustomObjects) null);
    }

    /** As {@link #load(Path, Path)}, with the Java implementations of the file's custom objects. */
    public static Model load(Path architectureJson, Path weights, CustomObjects custom) {
        JsonValue config = JsonValue.read(architectureJson);
        try (H5File h5 = H5File.open(weights)) {
            Model model = ImportScope.build(custom, architectureJson.toString(), valueCount(h5, h5.root()),
                    () -> ModelConfig.of(config, null).build());
            KerasH5.loadWeights(model, h5, false, false);
            return model;
        }
    }

    /** The model a Keras model JSON text describes, freshly initialised, with custom objects. */
    public static Model model(String json, String source, CustomObjects custom) {
        return ImportScope.build(custom, source, -1, () -> ModelConfig.of(
                JsonValue.parse(json.getBytes(StandardCharsets.UTF_8), source), null).build());
    }

    private static Model loadKeras3(Path file, CustomObjects custom) {
        KerasArchive zip = KerasArchive.read(file);
        JsonValue config = JsonValue.parse(zip.entry("config.json"), zip.source("config.json"));
        JsonValue metadata = JsonValue.parse(zip.entry("metadata.json"), zip.source("metadata.json"));
        String version = metadata.get("keras_version").stringOr(null);
        if (version != null) {
            config.object().putIfAbsent("keras_version", version);
        }
        try (H5File h5 = H5File.fromBytes(zip.entry("model.weights.h5"), zip.source("model.weights.h5"))) {
            Group layers = h5.group(h5.root(), "layers");
            Model model = ImportScope.build(custom, h5.source(), layers == null ? 0 : valueCount(h5, layers),
                    () -> ModelConfig.of(config, null).build());
            KerasH5.loadKeras3(h5, entries(config, model), model, false);
            KerasCompile.apply(model, config.get("compile_config"), h5);
            return model;
        }
    }

    /** The config's top-level layers in file order with their Keras class names (no InputLayer of a Sequential, no operation). */
    private static List<Keras3Layout.Entry> entries(JsonValue config, Model model) {
        boolean sequential = config.get("class_name").string().equals("Sequential");
        List<Keras3Layout.Entry> out = new ArrayList<>();
        for (JsonValue entry : config.get("config").get("layers").items()) {
            String cls = entry.get("class_name").string();
            if (sequential && cls.equals(InputLayer.class.getSimpleName()) || FunctionalConfig.isOperation(entry)) {
                continue;
            }
            String name = FunctionalConfig.name(entry);
            try {
                out.add(new Keras3Layout.Entry(cls, model.getLayer(name)));
            } catch (Seq2SeqException e) {
                throw entry.error("layer '" + name + "' is not in the built model: " + e.getMessage());
            }
        }
        return out;
    }

    private static long valueCount(H5File h5, Group g) {
        List<Dataset> all = h5.datasets(g);
        return WeightLoader.valueCount(h5, all);
    }

    private static byte[] head(Path file) {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file.toString(), "/", "is a directory; give the model file itself (a"
                    + " .keras, .h5 or TF.js model.json)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toString(), "/", "file not found", e);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "/", "cannot read: " + e, e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
