package org.seq2seq4j.tensor;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * The Keras dtype of a model input. Every tensor is stored as float32; an integer or boolean dtype
 * says the values must be whole numbers (token ids) or 0/1 (masks), and inputs are checked for it.
 *
 * <pre>{@code
 * DType.fromKerasName("int32").accepts(3f);    // true
 * DType.fromKerasName("int32").accepts(0.5f);  // false
 * }</pre>
 */
public enum DType {
    FLOAT32("float32"), INT32("int32"), INT64("int64"), BOOL("bool");

    private final String kerasName;

    DType(String kerasName) {
        this.kerasName = kerasName;
    }

    public String kerasName() {
        return kerasName;
    }

    /** The dtype for a Keras name ({@code null} means float32); others are a {@link ConfigException}. */
    public static DType fromKerasName(String name) {
        if (name == null) {
            return FLOAT32;
        }
        for (DType d : values()) {
            if (d.kerasName.equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw ConfigException.argument("Input", "dtype", "one of float32, int32, int64, bool", "'" + name + "'");
    }

    /** True when {@code v} is a value of this dtype. */
    public boolean accepts(float v) {
        switch (this) {
            case FLOAT32: return true;
            case BOOL: return v == 0f || v == 1f;
            default: return v == Math.rint(v) && Math.abs(v) <= (this == INT32 ? 2147483647.0 : 9.2e18);
        }
    }
}
