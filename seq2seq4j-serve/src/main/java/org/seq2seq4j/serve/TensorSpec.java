package org.seq2seq4j.serve;

import java.util.Arrays;
import org.seq2seq4j.ConfigException;

/**
 * One input or output of a served model, in the Open Inference Protocol's terms: its name (the
 * Keras layer's name for tensor models), its datatype ({@code FP32}, {@code BYTES}, ...) and its
 * shape, batch axis first, -1 for an axis of any size.
 *
 * <pre>{@code
 * TensorSpec in = new TensorSpec("encoder_inputs", TensorSpec.FP32, -1, -1, 71);
 * // in.shape() -> [-1, -1, 71]
 * }</pre>
 *
 * @param name the tensor's name
 * @param datatype the protocol's datatype name
 * @param shape the dimensions, -1 where any size is accepted
 */
public record TensorSpec(String name, String datatype, int... shape) {
    public static final String FP32 = "FP32";
    public static final String BYTES = "BYTES";

    public TensorSpec {
        if (name == null || name.isEmpty() || datatype == null || shape == null) {
            throw ConfigException.argument("TensorSpec", "name, datatype and shape", "a name, a datatype and a shape",
                    name + ", " + datatype);
        }
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.datatype.equals(datatype)
                && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape);
    }
}
