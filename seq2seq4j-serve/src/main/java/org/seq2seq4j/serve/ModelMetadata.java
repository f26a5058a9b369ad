package org.seq2seq4j.serve;

import java.util.List;
import org.seq2seq4j.ConfigException;

/**
 * What a served model takes and gives, as the Open Inference Protocol's metadata endpoint tells
 * clients: its {@link Kind} and its input and output tensors (Keras names, datatypes, shapes with -1
 * for a free axis). A {@link Kind#TEXT} model takes the BYTES tensor {@code text} and gives BYTES
 * {@code translation} and FP32 {@code score}; a {@link Kind#TENSOR} model takes and gives the tensors
 * of its Keras inputs and outputs.
 *
 * <pre>{@code
 * ModelMetadata m = ModelMetadata.text();
 * // m.inputs() -> [text BYTES [-1]]; m.outputs() -> [translation BYTES [-1], score FP32 [-1]]
 * }</pre>
 *
 * @param kind text or tensor
 * @param inputs the tensors a request gives, by name
 * @param outputs the tensors a response holds, by name
 */
public record ModelMetadata(Kind kind, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    /** How a model is called: text in and translations out, or named tensors in and out. */
    public enum Kind { TEXT, TENSOR }

    /** The names of a text model's tensors. */
    public static final String TEXT_INPUT = "text";
    public static final String TRANSLATION_OUTPUT = "translation";
    public static final String SCORE_OUTPUT = "score";

    public ModelMetadata {
        if (kind == null || inputs == null || outputs == null || inputs.isEmpty() || outputs.isEmpty()) {
            throw ConfigException.argument("ModelMetadata", "kind, inputs and outputs", "a kind and at least one input "
                    + "and one output", kind + ", " + inputs + ", " + outputs);
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The metadata every text model has. */
    public static ModelMetadata text() {
        return new ModelMetadata(Kind.TEXT, List.of(new TensorSpec(TEXT_INPUT, TensorSpec.BYTES, -1)),
                List.of(new TensorSpec(TRANSLATION_OUTPUT, TensorSpec.BYTES, -1),
                        new TensorSpec(SCORE_OUTPUT, TensorSpec.FP32, -1)));
    }
}
