package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import java.util.function.Supplier;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.tensor.Tensor;

/**
 * Compares a golden case's named outputs with what a layer or a model returned: the output named
 * {@code mask} with the output mask (exactly), every other name in order with the returned tensors
 * (output, then states such as state_h, state_c), within the case tolerance. The case must name
 * exactly as many outputs as were returned. A {@code param_count} must be the parameter count.
 *
 * <pre>{@code
 * GoldenAssert.assertOutputs(g, g.outputNames(), List.of(out), () -> layer.computeMask(in, mask));
 * }</pre>
 */
public final class GoldenAssert {
    private GoldenAssert() {
    }

    /** {@code names} (a subset of the case's outputs) against {@code actual} and the output mask. */
    public static void assertOutputs(Golden g, List<String> names, List<Tensor> actual, Supplier<Tensor> mask) {
        int k = 0;
        for (String name : names) {
            Tensor expected = g.requireOutput(name);
            if (name.equals("mask")) {
                Tensor m = mask.get();
                assertNotNull(m, g.name() + ": an output mask is expected but none was computed");
                assertAllClose(expected, m, 0, g.name() + " mask");
            } else {
                assertEquals(true, k < actual.size(), g.name() + ": output '" + name + "' has no counterpart: only "
                        + actual.size() + " outputs were returned for " + names);
                assertAllClose(expected, actual.get(k++), g.tolerance(), g.name() + " " + name);
            }
        }
        assertEquals(k, actual.size(), g.name() + ": " + actual.size() + " outputs were returned but the case names "
                + k + " of them in " + names);
    }

    /** The case's {@code param_count}, when it gives one, is the layer's or model's parameter count. */
    public static void assertParamCount(Golden g, Layer layer) {
        if (g.json().has("param_count")) {
            assertEquals(g.json().path("param_count").asInt(), layer.countParams(), g.name() + " param_count");
        }
    }
}
