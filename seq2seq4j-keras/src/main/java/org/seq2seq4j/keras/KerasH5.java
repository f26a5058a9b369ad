package org.seq2seq4j.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;

/**
 * Keras 2 HDF5 files: the full model {@code model.save("m.h5")} (root attribute
 * {@code model_config} holding the model JSON, weights in group {@code model_weights}) and the
 * weights-only {@code model.save_weights("w.h5")} (weights at the root). Weights are found
 * through the attributes Keras writes, never by guessing paths: {@code layer_names} lists the
 * layers, and each layer group's {@code weight_names} lists its datasets in the layer's weight
 * order (a dataset may be named after another layer, e.g. {@code encoder_lstm_3/kernel:0} in
 * group {@code encoder_lstm}). Layers are matched to the model by name. Every layer, count,
 * shape and dtype is checked before any value is read; values must be finite. Every problem is a
 * {@link ModelFormatException} naming the file, the HDF5 path and the problem.
 *
 * <pre>{@code
 * Model s2s = KerasH5.load(Path.of("s2s.h5"));                       // Keras 2 hard_sigmoid kept
 * Model arch = KerasJson.load(Path.of("architecture.json"));
 * KerasH5.loadWeights(arch, Path.of("weights.h5"));
 * }</pre>
 */
public final class KerasH5 {
    private KerasH5() {
    }

    /** The model a full-model Keras 2 {@code .h5} file describes, with its weights. */
    public static Model load(Path file) {
        try (HdfFile h5 = open(file)) {
            Attribute config = h5.getAttribute("model_config");
            if (config == null) {
                throw error(file, "/", "no 'model_config' attribute: not a full-model Keras file (for weights-only"
                        + " files build the model first and use KerasH5.loadWeights)");
            }
            JsonValue json = JsonValue.parse(string(file, config).getBytes(StandardCharsets.UTF_8),
                    file + " attribute model_config");
            String version = optionalString(file, h5.getAttribute("keras_version"));
            if (version != null) {
                json.object().putIfAbsent("keras_version", version);
            }
            Model model = ModelConfig.of(json, null).build();
            setWeights(model, file, weightsGroup(h5, file));
            return model;
        }
    }

    /** Sets every weight of {@code model} from a Keras 2 weights-only or full-model {@code .h5} file. */
    public static void loadWeights(Model model, Path file) {
        try (HdfFile h5 = open(file)) {
            setWeights(model, file, weightsGroup(h5, file));
        }
    }

    private static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw error(file, "/", "file not found");
        }
        try {
            return new HdfFile(file);
        } catch (HdfException e) {
            throw new ModelFormatException(file.toString(), "/", "not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /** {@code model_weights} in a full-model file, else the root. */
    private static Group weightsGroup(HdfFile h5, Path file) {
        Node weights = h5.getChildren().get("model_weights");
        if (weights == null) {
            return h5;
        }
        if (!weights.isGroup()) {
            throw error(file, weights.getPath(), "expected a group of layer weights");
        }
        return (Group) weights;
    }

    /** Pairs file weights with the model's variables, checks them all, then copies the values. */
    private static void setWeights(Model model, Path file, Group root) {
        Map<String, Layer> byName = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            if (!l.weights().isEmpty()) {
                byName.put(l.name(), l);
            }
        }
        Attribute layerNames = root.getAttribute("layer_names");
        if (layerNames == null) {
            throw error(file, root.getPath(), "no 'layer_names' attribute: not a Keras 2 HDF5 weights file (Keras 3"
                    + " .weights.h5 files are not read by KerasH5)");
        }
        List<Dataset> datasets = new ArrayList<>();
        List<Variable> targets = new ArrayList<>();
        for (String layerName : strings(file, layerNames)) {
            Node node = root.getChild(layerName);
            if (node == null || !node.isGroup()) {
                throw error(file, root.getPath() + layerName, "layer '" + layerName + "' is listed in layer_names"
                        + " but has no group");
            }
            Attribute names = node.getAttribute("weight_names");
            List<String> weightNames = names == null ? List.of() : strings(file, names);
            if (weightNames.isEmpty()) {
                continue;
            }
            Layer layer = byName.remove(layerName);
            if (layer == null) {
                throw error(file, node.getPath(), "layer '" + layerName + "' has weights in the file but the model"
                        + " has no layer of that name with weights; its layers with weights are " + names(model));
            }
            List<Variable> vars = layer.weights();
            if (vars.size() != weightNames.size()) {
                throw error(file, node.getPath(), "layer '" + layerName + "' lists " + weightNames.size()
                        + " weights " + weightNames + " but " + layer.describe() + " has " + vars.size());
            }
            for (int i = 0; i < vars.size(); i++) {
                datasets.add(dataset(file, (Group) node, weightNames.get(i), vars.get(i), layer));
                targets.add(vars.get(i));
            }
        }
        if (!byName.isEmpty()) {
            throw error(file, root.getPath(), "the model's layers " + byName.keySet() + " have weights that the file"
                    + " does not list in layer_names");
        }
        for (int i = 0; i < datasets.size(); i++) {
            copy(file, datasets.get(i), targets.get(i).value().data());
        }
    }

    /** The dataset {@code name} of a layer group, checked against the variable it fills. */
    private static Dataset dataset(Path file, Group layerGroup, String name, Variable v, Layer layer) {
        Node node;
        try {
            node = layerGroup.getByPath(name);
        } catch (HdfException e) {
            node = null;
        }
        if (!(node instanceof Dataset d)) {
            throw error(file, layerGroup.getPath() + name, "weight '" + name + "' listed in weight_names is not a"
                    + " dataset of the layer group");
        }
        int[] dims = d.getDimensions();
        if (!Arrays.equals(dims, v.shape().dims())) {
            throw error(file, d.getPath(), "weight has shape " + Shape.of(dims) + " but " + layer.describe()
                    + " expects " + v.shape() + " for '" + v.path() + "'");
        }
        Class<?> type = d.getJavaType();
        if (type != float.class && type != double.class) {
            throw error(file, d.getPath(), "weight has element type " + type.getSimpleName()
                    + "; expected float32 or float64");
        }
        return d;
    }

    private static void copy(Path file, Dataset d, float[] dst) {
        Object flat = d.getDataFlat();
        for (int i = 0; i < dst.length; i++) {
            float x = flat instanceof float[] f ? f[i] : (float) ((double[]) flat)[i];
            if (!Float.isFinite(x)) {
                throw error(file, d.getPath(), "weight value " + x + " at flat index " + i + " is not finite");
            }
            dst[i] = x;
        }
    }

    private static List<String> names(Model model) {
        List<String> out = new ArrayList<>();
        model.layers().stream().filter(l -> !l.weights().isEmpty()).forEach(l -> out.add(l.name()));
        return out;
    }

    /** A string attribute (h5py writes fixed-length byte strings). */
    private static String string(Path file, Attribute a) {
        Object v = a.getData();
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] s && s.length == 1) {
            return s[0];
        }
        throw error(file, a.getNode().getPath(), "attribute '" + a.getName() + "' is not a string");
    }

    private static String optionalString(Path file, Attribute a) {
        return a == null ? null : string(file, a);
    }

    /** A string-array attribute such as {@code layer_names}; empty arrays are an empty list. */
    private static List<String> strings(Path file, Attribute a) {
        if (a.isEmpty()) {
            return List.of();
        }
        Object v = a.getData();
        if (v instanceof String[] s) {
            return List.of(s);
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw error(file, a.getNode().getPath(), "attribute '" + a.getName() + "' is not a list of strings");
    }

    private static ModelFormatException error(Path file, String h5Path, String problem) {
        return new ModelFormatException(file.toString(), h5Path, problem);
    }
}
