package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/**
 * Every layer and Sequential case in the golden folder whose layers exist here: the layer is made
 * from the case's Keras config, given the case's weights, and its outputs must match Keras.
 */
public class LayerGoldenTest {

    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> layerCases() {
        return Goldens.where(LayerGoldenTest::isLayerCase);
    }

    /** A single-layer case whose layer (and any layer it wraps) exists here. */
    public static boolean isLayerCase(Golden g) {
        return Layers.isKnown(g.className()) && wrappedLayersKnown(g);
    }

    /** A Sequential forward case whose layers all exist here. */
    public static boolean isSequentialCase(Golden g) {
        return g.className().equals("Sequential") && !g.name().startsWith("grads_") && allLayersKnown(g);
    }

    /** A wrapper case (Bidirectional, TimeDistributed) runs once the layers it wraps exist here too. */
    private static boolean wrappedLayersKnown(Golden g) {
        for (String key : List.of("layer", "backward_layer")) {
            var inner = g.config().path(key);
            if (inner.isObject() && !Layers.isKnown(inner.path("class_name").asText())) {
                return false;
            }
        }
        return true;
    }

    static Stream<Golden> sequentialCases() {
        return Goldens.where(LayerGoldenTest::isSequentialCase);
    }

    private static boolean allLayersKnown(Golden g) {
        for (var l : g.config().path("layers")) {
            if (!Layers.isKnown(l.path("class_name").asText())) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerCases")
    void layerMatchesKeras(Golden g) {
        Layer layer = Layers.fromConfig(g.className(), g.layerConfig());
        List<Tensor> inputs = new ArrayList<>();
        Tensor mask = null;
        for (var in : g.json().path("inputs")) {
            Tensor t = Golden.tensor(in);
            if (in.path("name").asText().equals("mask")) {
                mask = t;
            } else {
                inputs.add(t);
            }
        }
        layer.build(inputs.get(0).shape());
        layer.setWeights(g.weights());
        Tensor[] in = inputs.toArray(new Tensor[0]);
        Tensor[] out = layer.call(CallContext.inference().withMask(mask), in);
        List<String> names = g.outputNames();
        int k = 0;
        for (String name : names) {
            Tensor expected = g.output(name);
            if (name.equals("mask")) {
                Tensor m = layer.computeMask(in, mask);
                assertNotNull(m, g.name() + ": mask expected");
                assertAllClose(expected, m, 0, g.name() + " mask");
            } else {
                assertAllClose(expected, out[k++], g.tolerance(), g.name() + " " + name);
            }
        }
        assertEquals(k, out.length, g.name() + ": number of outputs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequentialCases")
    void sequentialMatchesKeras(Golden g) {
        Sequential model = Sequential.fromConfig(g.layerConfig());
        Tensor x = g.inputs().get(0);
        model.build(x.shape());
        model.setWeights(g.weights());
        assertAllClose(g.output("output"), model.predict(x), g.tolerance(), g.name());
        if (g.json().has("param_count")) {
            assertEquals(g.json().path("param_count").asInt(), model.countParams(), g.name() + " param_count");
        }
        for (int i = 0; i < g.weightNames().size(); i++) {
            assertEquals(g.weightNames().get(i), model.weights().get(i).path(), g.name() + " weight name " + i);
        }
    }
}
