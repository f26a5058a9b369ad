package org.seq2seq4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.models.TrainingState;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Tensor;

/**
 * The native model file ({@code .s2s}): one zip holding everything needed to use a model or to
 * resume its training exactly. Entries, in this order:
 * <ul>
 * <li>{@code metadata.json}: {@code format} ("seq2seq4j"), {@code format_version} ({@value #VERSION}),
 * {@code library_version}, {@code date_saved} (UTC, ISO 8601);</li>
 * <li>{@code config.json}: the Keras 3 model config ({@code module}, {@code class_name},
 * {@code config}, {@code registered_name}, and {@code compile_config} when compiled), for every
 * model whose layers have Keras configs: built-in, seq2seq and user-registered layers;</li>
 * <li>{@code training.json}: the {@link TrainingState} ({@code seed}, {@code epochs}) and the
 * optimizer's {@code iterations};</li>
 * <li>{@code weights/<key>.npy}: each weight as a float32 {@code .npy} (NumPy reads the file as an
 * {@code .npz}); keys by place in the model ({@code layers/1/Dense/vars/0}), see {@code WeightKeys};</li>
 * <li>{@code optimizer/<key>.npy}: the optimizer's slots ({@code rmsprop/velocity/layers/1/Dense/vars/0});</li>
 * <li>{@code assets/<name>}: the model's {@link Assets}.</li>
 * </ul>
 * Each entry carries the zip's CRC32, which the reader checks, so every tensor has its checksum.
 * Tensors are stored uncompressed, JSON deflated. Saving goes through {@link AtomicFile}; a model
 * with a non-finite weight is refused and the previous file kept. {@link Models#load} reads the
 * file; it refuses a newer format version with a clear message and executes nothing from the file
 * (layer classes are looked up by name in {@link Layers} and {@code CustomObjects}, never loaded).
 *
 * <pre>{@code
 * model.save(Path.of("model.s2s"));                 // same as ModelFile.save(model, path)
 * Model again = Models.load(Path.of("model.s2s"));   // same predictions, optimizer and training state
 * }</pre>
 */
public final class ModelFile {
    /** The format version this library writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The name of the format in {@code metadata.json}. */
    public static final String FORMAT = "seq2seq4j";
    /** The file name ending of native model files. */
    public static final String EXTENSION = ".s2s";

    static final String METADATA = "metadata.json";
    static final String CONFIG = "config.json";
    static final String TRAINING = "training.json";
    static final String WEIGHTS = "weights/";
    static final String OPTIMIZER = "optimizer/";
    static final String ASSETS = "assets/";
    static final String NPY = ".npy";

    private ModelFile() {
    }

    /** Saves {@code model} to {@code file}, replacing it atomically. */
    public static void save(Model model, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".json")) {
            throw ConfigException.argument("Model.save", "path", "a native " + EXTENSION + " file (Keras files are "
                    + "written by KerasModels.save in seq2seq4j-keras)", file);
        }
        if (!model.isBuilt() && model instanceof Sequential s && s.declaredInput() != null) {
            s.build(s.declaredInput());
        }
        if (!model.isBuilt() && model.weights().isEmpty()) {
            throw new Seq2SeqException(model.describe() + " is not built, so it has no weights to save; give it an"
                    + " input shape or call it once before save");
        }
        Map<String, Variable> weights = WeightKeys.of(model);
        weights.forEach((k, v) -> checkFinite(file, "weight '" + v.path() + "'", v.value()));
        Optimizer optimizer = model.optimizer();
        Map<String, Tensor> state = optimizer == null ? Map.of() : optimizer.state();
        Map<String, String> stateKeys = optimizer == null ? Map.of() : WeightKeys.optimizer(optimizer, weights);
        state.forEach((k, t) -> checkFinite(file, "optimizer state '" + k + "'", t));
        LayerConfig config = Layers.kerasEntry(model);
        LayerConfig compile = CompileConfig.of(model);
        if (compile != null) {
            config.put("compile_config", compile);
        }
        TrainingState ts = model.trainingState();
        LayerConfig training = new LayerConfig().put("seed", ts.seed()).put("epochs", ts.epochs());
        if (optimizer != null) {
            training.put("optimizer_iterations", optimizer.iterations());
        }
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            json(zip, METADATA, metadata());
            json(zip, CONFIG, config);
            json(zip, TRAINING, training);
            for (Map.Entry<String, Variable> w : weights.entrySet()) {
                ZipOut.stored(zip, WEIGHTS + w.getKey() + NPY, Npy.bytes(w.getValue().value()));
            }
            for (Map.Entry<String, Tensor> s : state.entrySet()) {
                if (!s.getKey().equals("iterations")) {
                    ZipOut.stored(zip, OPTIMIZER + stateKeys.get(s.getKey()) + NPY, Npy.bytes(s.getValue()));
                }
            }
            for (String a : model.assets().names()) {
                ZipOut.deflated(zip, ASSETS + a, model.assets().get(a));
            }
            zip.finish();
        });
    }

    private static LayerConfig metadata() {
        return new LayerConfig().put("format", FORMAT).put("format_version", VERSION)
                .put("library_version", Seq2Seq4j.version())
                .put("date_saved", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static void checkFinite(Path file, String what, Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new Seq2SeqException("cannot save " + file + ": " + what + " holds " + d[i] + " at flat index "
                        + i + "; the previous file is kept");
            }
        }
    }

    private static void json(ZipOutputStream zip, String name, LayerConfig value) throws IOException {
        ZipOut.deflated(zip, name, Json.write(value).getBytes(StandardCharsets.UTF_8));
    }
}
