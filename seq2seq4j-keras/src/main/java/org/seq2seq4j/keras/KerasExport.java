package org.seq2seq4j.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.io.AtomicFile;
import org.seq2seq4j.io.CompileConfig;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.io.ZipOut;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Writes a model as the Keras 3 {@code .keras} zip that {@code keras.saving.load_model} reads:
 * {@code metadata.json}, {@code config.json} (the model's Keras 3 config with its layers in
 * {@code model.layers} order, {@code build_config} and, when compiled, {@code compile_config}) and
 * {@code model.weights.h5} in Keras 3's layout ({@link Keras3Layout}: {@code layers/<snake_case
 * class>[_n]/vars/<i>}, RNN weights under {@code cell/vars} or {@code cell/cells/<cell>/vars}, a
 * {@code vars} group for every saved object, the optimizer's variables in {@code optimizer/vars} in
 * the order Keras 3 creates them: iterations, learning rate, then its slots). Keras 2's hard sigmoid
 * is written as the registered function {@code seq2seq4j>hard_sigmoid_keras2} (see
 * {@link LayerConfig#keras2HardSigmoid()}), so Keras 3 keeps its meaning or refuses to load.
 *
 * <pre>{@code
 * KerasExport.save(model, Path.of("model.keras"));   // what KerasModels.save does
 * }</pre>
 */
final class KerasExport {
    /** The Keras version whose file layout this writer follows (checked against files Keras 3.12.0 wrote). */
    static final String KERAS_VERSION = "3.12.0";
    /**
     * How many leading slots each optimizer's Keras 3 {@code build} creates together, one variable
     * at a time ({@code add_optimizer_variables(vars, ["momentum", "velocity"])}); later slots are
     * created all variables at a time, one slot after another.
     */
    private static final Map<String, Integer> INTERLEAVED = Map.of("Adam", 2, "Adamax", 2, "Nadam", 2, "Adadelta", 2);

    private KerasExport() {
    }

    static void save(Model model, Path file) {
        if (!model.isBuilt() && model instanceof Sequential s && s.declaredInput() != null) {
            s.build(s.declaredInput());
        }
        if (model.weights().isEmpty() && !model.isBuilt()) {
            throw new Seq2SeqException(model.describe() + " is not built, so it has no weights to save; give it an"
                    + " input shape or call it once before saving");
        }
        byte[] config = Json.write(config(model)).getBytes(StandardCharsets.UTF_8);
        byte[] metadata = Json.write(new LayerConfig().put("keras_version", KERAS_VERSION)
                .put("date_saved", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss", Locale.ROOT)))
                .put("seq2seq4j_version", Seq2Seq4j.version())).getBytes(StandardCharsets.UTF_8);
        byte[] weights = weights(model, file);
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            ZipOut.stored(zip, "metadata.json", metadata);
            ZipOut.stored(zip, "config.json", config);
            ZipOut.stored(zip, "model.weights.h5", weights);
            zip.finish();
        });
    }

    /** Writes the weights alone as a Keras 3 weights file. */
    static void saveWeights(Model model, Path file) {
        byte[] weights = weights(model, file);
        AtomicFile.write(file, out -> out.write(weights));
    }

    /** The model's Keras 3 {@code config.json} object. */
    static LayerConfig config(Model model) {
        LayerConfig entry = Layers.serialize(model);
        if (model instanceof Functional f) {
            LayerConfig inner = entry.getConfig("config");
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Object o : (List<?>) inner.get("layers")) {
                byName.put(((LayerConfig) o).getString("name", ""), o);
            }
            List<Object> ordered = new ArrayList<>();
            KerasLayerOrder.of(f).forEach(l -> ordered.add(byName.get(l.name())));
            inner.put("layers", ordered);
        }
        if (model instanceof Sequential s && s.declaredInput() != null) {
            keras3Input(entry.getConfig("config"), s.declaredInput());
        }
        entry.put("build_config", new LayerConfig().put("input_shape", model instanceof Sequential s
                ? dims(s.declaredInput() != null ? s.declaredInput() : null) : null));
        LayerConfig compile = CompileConfig.of(model);
        if (compile != null) {
            entry.put("compile_config", compile);
        }
        return entry;
    }

    /**
     * Keras 3's form of a Sequential's declared input: an InputLayer entry first with
     * {@code batch_shape}, and no {@code batch_input_shape} on the layers (wrappers such as
     * Bidirectional refuse it).
     */
    private static void keras3Input(LayerConfig sequential, Shape input) {
        List<Object> layers = new ArrayList<>((List<?>) sequential.get("layers"));
        LayerConfig first = (LayerConfig) layers.get(0);
        if (!first.getString("class_name", "").equals("InputLayer")) {
            layers.add(0, new LayerConfig().put("module", "keras.layers").put("class_name", "InputLayer")
                    .put("config", new LayerConfig().put("batch_shape", dims(input)).put("dtype", "float32")
                            .put("sparse", false).put("name", "input_layer"))
                    .put("registered_name", null));
        }
        for (Object o : layers) {
            LayerConfig layer = (LayerConfig) o;
            LayerConfig c = layer.getConfig("config");
            if (c != null && c.has("batch_input_shape")) {
                LayerConfig without = new LayerConfig();
                c.keys().stream().filter(k -> !k.equals("batch_input_shape")).forEach(k -> without.put(k, c.get(k)));
                layer.put("config", without);
            }
        }
        sequential.put("layers", layers);
    }

    private static List<Integer> dims(Shape s) {
        if (s == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int d : s.dims()) {
            out.add(d < 0 ? null : d);
        }
        return out;
    }

    /** The bytes of {@code model.weights.h5}, written with jHDF through a temporary file. */
    private static byte[] weights(Model model, Path target) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".h5.tmp");
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                WritableGroup layers = h5.putGroup("layers");    // a model without weights keeps it empty: see writeLayer
                Map<String, Integer> used = new HashMap<>();
                for (Keras3Layout.Entry e : Keras3Layout.entries(model)) {
                    writeLayer(layers, Keras3Layout.uniqueName(Keras3Layout.snakeCase(e.className()), used), e.layer());
                }
                if (model.optimizer() != null) {
                    writeOptimizer(h5.putGroup("optimizer").putGroup("vars"), model);
                }
            }
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new Seq2SeqException("cannot write the weights of " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    System.getLogger(KerasExport.class.getName()).log(System.Logger.Level.WARNING,
                            "could not remove " + tmp + ": " + e);
                }
            }
        }
    }

    /**
     * A layer's weights at {@link Keras3Layout#paths} below {@code layers}, each {@code vars} group
     * named after its owner as Keras 3.12 does. Groups without datasets are not written: jHDF 0.9.4
     * cannot write an empty group, and Keras reads a missing group as an object without variables.
     */
    private static void writeLayer(WritableGroup layers, String group, Layer layer) {
        List<String> paths = Keras3Layout.paths(layer);
        List<Variable> weights = KerasLayerOrder.weights(layer);
        Map<String, WritableGroup> groups = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String p = group + "/" + paths.get(i);
            int slash = p.lastIndexOf('/');
            group(layers, groups, p.substring(0, slash), layer).putDataset(p.substring(slash + 1),
                    nested(weights.get(i).value()));
        }
    }

    /** The group at {@code path} below {@code root}, made on first use; a {@code vars} group gets its owner's name. */
    private static WritableGroup group(WritableGroup root, Map<String, WritableGroup> groups, String path, Layer layer) {
        WritableGroup g = groups.get(path);
        if (g != null) {
            return g;
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        WritableGroup parent = slash < 0 ? root : group(root, groups, path.substring(0, slash), layer);
        WritableGroup made = parent.putGroup(name);
        if (name.equals("vars")) {
            String owner = slash < 0 ? "" : path.substring(0, slash);
            made.putAttribute("name", ownerName(owner.substring(owner.indexOf('/') + 1), owner, layer));
        }
        groups.put(path, made);
        return made;
    }

    /** The name Keras gives the object owning a {@code vars} group: the layer, its single cell, else the group's name. */
    private static String ownerName(String relative, String owner, Layer layer) {
        if (!owner.contains("/")) {
            return layer.name();
        }
        if (relative.equals("cell") && layer instanceof RecurrentLayer<?> r && r.cells().size() == 1) {
            return r.cells().get(0).name();
        }
        return owner.substring(owner.lastIndexOf('/') + 1);
    }

    /**
     * {@code optimizer/vars}: 0 iterations (int64), 1 learning rate (float32), then the slots in the
     * order Keras 3's {@code build} creates them, then optimizer-wide values (Nadam's u_product).
     */
    private static void writeOptimizer(WritableGroup vars, Model model) {
        Optimizer o = model.optimizer();
        vars.putAttribute("name", o.name());
        vars.putDataset("0", Long.valueOf(o.iterations()));
        vars.putDataset("1", Float.valueOf((float) o.learningRate()));
        Map<String, Tensor> state = o.state();
        int i = 2;
        for (String key : kerasSlotOrder(o, model)) {
            vars.putDataset(String.valueOf(i++), nested(state.get(key)));
        }
    }

    /** The keys of the optimizer's {@link Optimizer#state()} slots and optimizer-wide values in Keras 3's variable order. */
    static List<String> kerasSlotOrder(Optimizer o, Model model) {
        Map<String, Tensor> state = o.state();
        List<Variable> vars = model.trainableWeights();
        List<String> slotNames = new ArrayList<>();
        List<String> global = new ArrayList<>();
        String prefix = o.name() + "/";
        for (String key : state.keySet()) {
            if (key.equals("iterations")) {
                continue;
            }
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                global.add(key);
            } else if (!slotNames.contains(rest.substring(0, slash))) {
                slotNames.add(rest.substring(0, slash));
            }
        }
        int together = Math.min(slotNames.size(), INTERLEAVED.getOrDefault(o.getClass().getSimpleName(), 1));
        List<String> out = new ArrayList<>();
        for (Variable v : vars) {
            for (int s = 0; s < together; s++) {
                out.add(prefix + slotNames.get(s) + "/" + v.path());
            }
        }
        for (int s = together; s < slotNames.size(); s++) {
            for (Variable v : vars) {
                out.add(prefix + slotNames.get(s) + "/" + v.path());
            }
        }
        out.addAll(global);
        return out;
    }

    /** The values as the nested Java array jHDF writes ({@code float[][]} for a matrix, a Float for a scalar). */
    static Object nested(Tensor t) {
        int[] dims = t.shape().dims();
        if (dims.length == 0) {
            return Float.valueOf(t.data()[0]);
        }
        Object array = Array.newInstance(float.class, dims);
        fill(array, t.data(), 0, dims, 0);
        return array;
    }

    private static int fill(Object array, float[] data, int offset, int[] dims, int axis) {
        if (axis == dims.length - 1) {
            System.arraycopy(data, offset, array, 0, dims[axis]);
            return offset + dims[axis];
        }
        int o = offset;
        for (int i = 0; i < dims[axis]; i++) {
            o = fill(Array.get(array, i), data, o, dims, axis + 1);
        }
        return o;
    }
}
