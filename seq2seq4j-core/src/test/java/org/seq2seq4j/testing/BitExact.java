package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * Bit-for-bit comparison of tensors, for round trips and resumed training where nothing may change.
 *
 * <pre>{@code
 * BitExact.assertSame(BitExact.values(model), BitExact.values(loaded), "weights");
 * }</pre>
 */
public final class BitExact {
    private BitExact() {
    }

    /** The live values of a model's weights, in its weight order. */
    public static List<Tensor> values(Model m) {
        List<Tensor> out = new ArrayList<>();
        m.weights().forEach(v -> out.add(v.value()));
        return out;
    }

    /** Same count, shapes and raw float bits; {@code what} names the comparison in failures. */
    public static void assertSame(List<Tensor> expected, List<Tensor> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).shape(), actual.get(i).shape(), what + " " + i + ": shape");
            assertArrayEquals(bits(expected.get(i)), bits(actual.get(i)), what + " " + i + ": values");
        }
    }

    private static int[] bits(Tensor t) {
        int[] b = new int[t.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(t.data()[i]);
        }
        return b;
    }
}
