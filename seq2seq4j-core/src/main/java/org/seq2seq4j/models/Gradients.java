package org.seq2seq4j.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.tensor.Tensor;

/**
 * The gradients of a compiled model's loss on one batch, not applied: what {@link Model#trainOnBatch}
 * hands to the optimizer. {@code values.get(i)} is the gradient of {@code variables.get(i)} (the
 * model's trainable weights, in order); {@code loss} is the batch's loss and {@code samples} its
 * number of samples. A loss averaged over the batch (Keras's default {@code sum_over_batch_size})
 * has the gradient of the summed losses {@code samples × values}, so shards of one batch combine as
 * {@code Σ samples_p × values_p / Σ samples_p}, which is what data-parallel training does.
 *
 * <pre>{@code
 * Gradients g = model.gradients(List.of(x), List.of(y));   // forward and backward, weights unchanged
 * model.optimizer().apply(g.variables(), g.values());      // the step trainOnBatch would take
 * // g.named().keySet() -> [dense/kernel, dense/bias]
 * }</pre>
 */
public record Gradients(List<Variable> variables, List<Tensor> values, float loss, int samples) {
    public Gradients {
        variables = List.copyOf(variables);
        values = List.copyOf(values);
    }

    /** The gradients keyed by their variable's path, e.g. {@code "dense/kernel"}, in the variables' order. */
    public Map<String, Tensor> named() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            out.put(variables.get(i).path(), values.get(i));
        }
        return out;
    }
}
