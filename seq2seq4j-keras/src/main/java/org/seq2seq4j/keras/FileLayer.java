package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import java.util.List;

/**
 * One layer's weights as an HDF5 weights file stores them: the layer name the file gives, the
 * group holding them and the datasets in the layer's weight order.
 *
 * <pre>{@code
 * FileLayer l = Keras2Layout.read(h5, h5.group(h5.root(), "model_weights")).get(0);
 * // l.name() -> "lstm_1"; l.path() -> "/model_weights/lstm_1/"; l.weights().size() -> 3
 * }</pre>
 */
record FileLayer(String name, String path, List<Dataset> weights) {
}
