package org.seq2seq4j.keras;

import java.util.List;

/**
 * What a weights load did: the model layers that received weights, and every layer that was
 * skipped with the reason (a count or shape mismatch under {@code skipMismatch}, a file layer the
 * model lacks or a model layer the file lacks under {@code byName}), as Keras logs them.
 *
 * <pre>{@code
 * LoadReport r = KerasH5.loadWeights(model, Path.of("w.h5"), true, true);   // byName, skipMismatch
 * r.loaded();    // [lstm_1, lstm_2]
 * r.skipped();   // [dense_1: weight 0 (/dense_1/dense_1/kernel:0) has shape (32, 16) but Dense 'dense_1' expects (32, 15)]
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
