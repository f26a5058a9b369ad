package org.seq2seq4j.serve;

/**
 * A model the server can run: a {@link TextModel} (sentences in, translations out) or a
 * {@link TensorModel} (named tensors in and out). The server calls one model from one thread at a
 * time (its batching worker), so implementations need not be thread-safe.
 *
 * <pre>{@code
 * ServedModel m = ServedModels.load(Path.of("model.keras"));
 * ModelMetadata meta = m.metadata();          // kind, inputs and outputs by their Keras names
 * }</pre>
 */
public interface ServedModel {
    /** The model's kind, inputs and outputs. */
    ModelMetadata metadata();
}
