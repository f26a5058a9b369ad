package org.seq2seq4j.io;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;

/**
 * The keys under which the native files store a model's weights and its optimizer's state: by
 * place in the model, as Keras 3 weights files, not by layer name, so a second instance of the same
 * architecture (whose automatic names differ) reads the file.
 *
 * <pre>{@code
 * Map<String, Variable> w = WeightKeys.of(model);            // {layers/0/LSTM/vars/0=..., ...}
 * Map<String, String> s = WeightKeys.optimizer(model.optimizer(), w);   // rmsprop/velocity/lstm/... -> rmsprop/velocity/layers/0/LSTM/vars/0
 * }</pre>
 */
final class WeightKeys {
    private WeightKeys() {
    }

    /**
     * The model's distinct variables keyed by their place, as Keras 3's weights files do:
     * {@code layers/<index>/<class>/vars/<i>} ({@code vars/<i>} for variables of no listed layer).
     * Keys do not depend on layer names, so a second instance of the same architecture loads the file.
     */
    static Map<String, Variable> of(Model model) {
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Variable> out = new LinkedHashMap<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            List<Variable> vs = layers.get(i).weights();
            for (int j = 0; j < vs.size(); j++) {
                if (seen.add(vs.get(j))) {
                    out.put("layers/" + i + "/" + layers.get(i).className() + "/vars/" + j, vs.get(j));
                }
            }
        }
        int k = 0;
        for (Variable v : model.weights()) {
            if (seen.add(v)) {
                out.put("vars/" + k++, v);
            }
        }
        return out;
    }

    /**
     * File keys of the optimizer's state keys: {@code "<optimizer>/<slot>/<variable path>"} becomes
     * {@code "<optimizer>/<slot>/<variable key>"}; {@code iterations} and optimizer-wide values keep their key.
     */
    static Map<String, String> optimizer(Optimizer optimizer, Map<String, Variable> weights) {
        Map<String, String> byPath = new HashMap<>();
        weights.forEach((k, v) -> byPath.put(v.path(), k));
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : optimizer.state().keySet()) {
            int slotEnd = key.indexOf('/', key.indexOf('/') + 1);
            String variable = slotEnd < 0 ? null : byPath.get(key.substring(slotEnd + 1));
            out.put(key, variable == null ? key : key.substring(0, slotEnd + 1) + variable);
        }
        return out;
    }
}
