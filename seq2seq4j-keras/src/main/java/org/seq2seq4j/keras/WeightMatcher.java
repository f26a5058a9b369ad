package org.seq2seq4j.keras;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.models.Model;

/**
 * Pairs the weights a file lists with a model's variables. File names are matched by the owning
 * top-level layer (first name component) and the weight's short name (last component), in
 * order, so TF.js's {@code lstm/kernel} fills our {@code lstm/lstm_cell/kernel} and
 * {@code time_distributed/kernel} fills {@code time_distributed/dense/kernel}. Every listed
 * weight must find a variable of the same shape and every variable must be listed.
 *
 * <pre>{@code
 * List<Variable> targets = WeightMatcher.match(model, manifest.specs(), root.get("weightsManifest"));
 * // targets.get(i) receives the values of manifest.specs().get(i)
 * }</pre>
 */
final class WeightMatcher {
    private WeightMatcher() {
    }

    /** For each spec in order, the variable it fills. */
    static List<Variable> match(Model model, List<WeightManifest.Spec> specs, JsonValue manifest) {
        Map<String, ArrayDeque<Variable>> byKey = new LinkedHashMap<>();
        Map<Variable, Layer> owner = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            for (Variable v : layer.weights()) {
                byKey.computeIfAbsent(layer.name() + "/" + v.name(), k -> new ArrayDeque<>()).add(v);
                owner.put(v, layer);
            }
        }
        List<Variable> out = new ArrayList<>(specs.size());
        for (WeightManifest.Spec s : specs) {
            ArrayDeque<Variable> candidates = byKey.get(s.layerName() + "/" + s.shortName());
            Variable v = candidates == null ? null : candidates.poll();
            if (v == null) {
                throw s.at().get("name").error("weight '" + s.name() + "' (layer '" + s.layerName() + "', weight '"
                        + s.shortName() + "') matches no remaining weight of the model; the model's weights are "
                        + paths(owner.keySet()));
            }
            if (!v.shape().equals(s.shape())) {
                throw s.at().get("shape").error("weight '" + s.name() + "' has shape " + s.shape() + " but "
                        + owner.get(v).describe() + " expects " + v.shape() + " for '" + v.path() + "'");
            }
            out.add(v);
        }
        List<Variable> unlisted = new ArrayList<>();
        byKey.values().forEach(unlisted::addAll);
        if (!unlisted.isEmpty()) {
            throw manifest.error("the model's weights " + paths(unlisted) + " are not in the manifest");
        }
        return out;
    }

    private static List<String> paths(Iterable<Variable> vs) {
        List<String> out = new ArrayList<>();
        vs.forEach(v -> out.add(v.path() + " " + v.shape()));
        return out;
    }
}
