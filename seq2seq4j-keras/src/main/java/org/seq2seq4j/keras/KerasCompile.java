package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.io.CompileConfig;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The training half of a Keras 3 {@code .keras} file: {@code compile_config} compiles the imported
 * model (optimizer, loss, metrics) and {@code optimizer/vars} restores the optimizer's iterations and
 * slots, in the order {@link KerasExport#kerasSlotOrder} gives. As Keras does, a compile config this
 * library cannot follow, or optimizer variables that do not match, leave the model uncompiled or the
 * optimizer fresh with a warning, never a failed load of the model itself.
 *
 * <pre>{@code
 * KerasCompile.apply(model, compileConfig, h5);   // model.optimizer().iterations() -> 30 for the Russian file
 * }</pre>
 */
final class KerasCompile {
    private static final System.Logger LOG = System.getLogger(KerasCompile.class.getName());

    private KerasCompile() {
    }

    static void apply(Model model, JsonValue compileConfig, H5File h5) {
        if (!compileConfig.isObject() || compileConfig.object().isEmpty()) {
            return;                                     // Keras writes {} for a model it never compiled
        }
        try {
            CompileConfig.apply(model, LayerConfig.of(compileConfig.object()));
        } catch (Seq2SeqException e) {
            LOG.log(System.Logger.Level.WARNING, h5.source() + ": the model is left uncompiled: " + e.getMessage());
            return;
        }
        Group vars = h5.group(h5.root(), "optimizer/vars");
        if (vars == null) {
            return;
        }
        Optimizer o = model.optimizer();
        o.build(model.trainableWeights());
        List<String> keys = KerasExport.kerasSlotOrder(o, model);
        Map<String, Tensor> expected = o.state();
        List<String> names = h5.children(vars);
        if (names.size() != keys.size() + 2) {
            LOG.log(System.Logger.Level.WARNING, h5.source() + ": optimizer state not loaded: the file has " + names.size()
                    + " optimizer variables but " + o.describe() + " has " + (keys.size() + 2));
            return;
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("iterations", Tensor.scalar(h5.scalarLong(dataset(h5, vars, "0"))));
        for (int i = 0; i < keys.size(); i++) {
            Dataset d = dataset(h5, vars, String.valueOf(i + 2));
            Shape want = expected.get(keys.get(i)).shape();
            if (!h5.weightShape(d).equals(want)) {
                throw h5.error(d.getPath(), "optimizer variable has shape " + h5.weightShape(d) + " but '" + keys.get(i)
                        + "' of " + o.describe() + " is " + want);
            }
            Tensor t = Tensor.zeros(want);
            h5.read(d, t.data());
            state.put(keys.get(i), t);
        }
        o.loadState(state);
    }

    private static Dataset dataset(H5File h5, Group vars, String name) {
        Node n = h5.node(vars, name);
        if (!(n instanceof Dataset d)) {
            throw h5.error(vars.getPath() + name, "optimizer variable " + name + " is missing or not a dataset");
        }
        return d;
    }
}
