package org.seq2seq4j.keras;

import java.util.List;

/**
 * What a weights load did: the model layers that received weights, and every layer that was
 * skipped with the reason (a count or shape mismatch under {@code skipMismatch}, a file layer the
 * model lacks or a model layer the file lacks under {@code byName}), as Keras logs them.
 *
 * <pre>{@code
 * LoadReport r = KerasH5.loadWeights(model, Path.of("s2s.h5"), true, true);   // byName, skipMismatch
 * r.loaded();    // [lstm_1]
 * r.skipped();   // [lstm_2: in the file ... but the model has no layer of that name with weights,
 *                //  lstm_9: the file has no weights for this layer; left unchanged,
 *                //  dense_1: weight 0 (/model_weights/dense_1/dense_1/kernel:0) has shape (32, 16) but Dense ...]
 * }</pre>
 *
 * @param loaded  names of the model layers whose weights were set, in load order
 * @param skipped one line per layer left out: {@code name: reason}
 */
public record LoadReport(List<String> loaded, List<String> skipped) {
    public LoadReport {
        loaded = List.copyOf(loaded);
        skipped = List.copyOf(skipped);
    }
}
