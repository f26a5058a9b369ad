package org.seq2seq4j.serve;

import java.util.Map;
import org.seq2seq4j.tensor.Tensor;

/**
 * A model called with named tensors, batch axis first: a Keras model as it is. The server joins
 * concurrent requests whose inputs have the same shapes past the batch axis into one call.
 *
 * <pre>{@code
 * TensorModel m = KerasTensorModel.of(KerasModels.load(Path.of("model.keras")));
 * Map<String, Tensor> out = m.infer(Map.of("input_layer", Tensor.zeros(2, 4)));
 * }</pre>
 */
public interface TensorModel extends ServedModel {
    /** Runs the model on its inputs by name (every input given); its outputs by name, batch axis first. */
    Map<String, Tensor> infer(Map<String, Tensor> inputs);
}
