package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenAssert;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every layer case ({@link GoldenKind#LAYER}): the layer is made from the case's Keras config, given
 * the case's weights, called on its inputs (mask apart), and its outputs must match Keras. Outputs
 * named {@code output}, then states ({@code state_h}, {@code state_c}, ...), are the layer's outputs
 * in order; {@code mask} is its output mask; an output named after a Keras activation ({@code relu},
 * {@code softmax}, ...) is the main output of the same layer with that {@code activation}; a
 * {@code param_count} is the layer's parameter count. A layer class that does not exist here fails
 * the case, naming the class.
 */
class LayerGoldenTest {

    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.ofKind(GoldenKind.LAYER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void layerMatchesKeras(Golden g) {
        List<String> layerOutputs = g.outputNames().stream().filter(n -> !isActivationName(n)).toList();
        if (!layerOutputs.isEmpty()) {
            Call c = call(g, g.layerConfig());
            GoldenAssert.assertOutputs(g, layerOutputs, List.of(c.outputs),
                    () -> c.layer.computeMask(c.inputs, c.mask));
            GoldenAssert.assertParamCount(g, c.layer);
        }
        for (String activation : g.outputNames().stream().filter(LayerGoldenTest::isActivationName).toList()) {
            Call c = call(g, g.layerConfig().put("activation", activation));
            assertAllClose(g.output(activation), c.outputs[0], g.tolerance(), g.name() + " " + activation);
        }
    }

    /** A Keras activation name, e.g. {@code tanh}. */
    static boolean isActivationName(String name) {
        return Arrays.stream(ActivationFunction.values()).anyMatch(a -> a.kerasName().equals(name));
    }

    /** The layer of {@code config}, built and given the case's weights, called on the case's inputs and mask. */
    private static Call call(Golden g, LayerConfig config) {
        Layer layer = Layers.fromConfig(g.className(), config);
        Tensor[] inputs = g.modelInputs().toArray(Tensor[]::new);
        Tensor mask = g.input("mask");
        layer.build(inputs[0].shape());
        layer.setWeights(g.weights());
        return new Call(layer, inputs, mask, layer.call(CallContext.inference().withMask(mask), inputs));
    }

    private record Call(Layer layer, Tensor[] inputs, Tensor mask, Tensor[] outputs) {
    }
}
