package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.tensor.Shape;

/**
 * Pairs the layers of a weights file with a model's layers, as Keras's {@code load_weights}:
 * by position in {@code model.layers} order (the default; the file and the model must have the
 * same number of layers with weights) or, with {@code byName}, by layer name (file layers the
 * model lacks and model layers the file lacks are reported and left alone). A layer whose weight
 * count or shapes differ is an error, or with {@code skipMismatch} reported and left alone.
 * Everything is checked before the first value is copied.
 *
 * <pre>{@code
 * LoadReport r = WeightLoader.load(h5, Keras2Layout.read(h5, root), KerasLayerOrder.of(model), false, false);
 * }</pre>
 */
final class WeightLoader {
    private WeightLoader() {
    }

    /** Checks every pairing, then copies the values; {@code modelLayers} in Keras order. */
    static LoadReport load(H5File h5, List<FileLayer> file, List<Layer> modelLayers, boolean byName,
            boolean skipMismatch) {
        List<Layer> weighted = modelLayers.stream().filter(l -> !KerasLayerOrder.weights(l).isEmpty()).toList();
        List<String> loaded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Dataset> sources = new ArrayList<>();
        List<Variable> targets = new ArrayList<>();
        Map<FileLayer, Layer> pairs = byName ? byName(file, weighted, skipped) : byOrder(h5, file, weighted);
        for (Map.Entry<FileLayer, Layer> p : pairs.entrySet()) {
            Mismatch problem = mismatch(h5, p.getKey(), p.getValue());
            if (problem == null) {
                loaded.add(p.getValue().name());
                sources.addAll(p.getKey().weights());
                targets.addAll(KerasLayerOrder.weights(p.getValue()));
            } else if (skipMismatch) {
                skipped.add(p.getValue().name() + ": " + problem.problem());
            } else {
                throw h5.error(problem.where(), problem.problem() + (byName ? "" : " (layers are matched by their"
                        + " order; pass byName to match them by name)"));
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            h5.read(sources.get(i), targets.get(i).value().data());
        }
        return new LoadReport(loaded, skipped);
    }

    private static Map<FileLayer, Layer> byOrder(H5File h5, List<FileLayer> file, List<Layer> weighted) {
        if (file.size() != weighted.size()) {
            throw h5.error("/", "the file has " + file.size() + " layers with weights " + names(file)
                    + " but the model has " + weighted.size() + " " + weighted.stream().map(Layer::name).toList()
                    + "; layers are matched by their order (pass byName to match them by name)");
        }
        Map<FileLayer, Layer> out = new LinkedHashMap<>();
        for (int i = 0; i < file.size(); i++) {
            out.put(file.get(i), weighted.get(i));
        }
        return out;
    }

    private static Map<FileLayer, Layer> byName(List<FileLayer> file, List<Layer> weighted, List<String> skipped) {
        Map<String, Layer> model = new LinkedHashMap<>();
        weighted.forEach(l -> model.put(l.name(), l));
        Map<FileLayer, Layer> out = new LinkedHashMap<>();
        for (FileLayer f : file) {
            Layer l = model.remove(f.name());
            if (l == null) {
                skipped.add(f.name() + ": in the file (" + f.path() + ") but the model has no layer of that name"
                        + " with weights");
            } else {
                out.put(f, l);
            }
        }
        model.keySet().forEach(n -> skipped.add(n + ": the file has no weights for this layer; left unchanged"));
        return out;
    }

    /** Where and why a file layer cannot fill a model layer. */
    private record Mismatch(String where, String problem) {
    }

    /** Why a file layer cannot fill a model layer, or null when it can. */
    private static Mismatch mismatch(H5File h5, FileLayer f, Layer layer) {
        List<Variable> vars = KerasLayerOrder.weights(layer);
        List<Dataset> ds = f.weights();
        if (vars.size() != ds.size()) {
            return new Mismatch(f.path(), "layer '" + f.name() + "' has " + ds.size() + " weights in the file but "
                    + layer.describe() + " has " + vars.size() + " " + shapes(vars));
        }
        for (int i = 0; i < ds.size(); i++) {
            Shape s = h5.weightShape(ds.get(i));
            if (!s.equals(vars.get(i).shape())) {
                return new Mismatch(ds.get(i).getPath(), "weight " + i + " (" + ds.get(i).getPath() + ") has shape " + s
                        + " but " + layer.describe() + " expects " + vars.get(i).shape() + " for '" + vars.get(i).path()
                        + "'");
            }
        }
        return null;
    }

    private static List<String> names(List<FileLayer> file) {
        return file.stream().map(FileLayer::name).toList();
    }

    private static List<Shape> shapes(List<Variable> vars) {
        return vars.stream().map(Variable::shape).toList();
    }

    /** Total number of float values in the given file layers (the budget for building a model from the file). */
    static long valueCount(H5File h5, List<Dataset> datasets) {
        long n = 0;
        for (Dataset d : datasets) {
            n += h5.valueCount(d);
        }
        return n;
    }

    static ModelFormatException unclaimed(H5File h5, List<String> groups) {
        return h5.error(groups.get(0), "the file has weights for layers the model does not have: " + groups);
    }
}
