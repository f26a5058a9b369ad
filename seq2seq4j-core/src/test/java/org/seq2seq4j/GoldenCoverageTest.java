package org.seq2seq4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.layers.LayerGoldenTest;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/**
 * Every case file in the golden folder can be read and is claimed by one of the data-driven golden tests: layer
 * cases (LayerGoldenTest), Sequential cases (LayerGoldenTest), training cases (TrainingGoldenTest),
 * losses (LossGoldenTest) and optimizer rules (OptimizerGoldenTest). A new kind of case, or one
 * whose layer class is missing here, fails this test by name.
 */
class GoldenCoverageTest {

    @Test
    void everyGoldenCaseRunsSomewhere() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
        List<String> unclaimed = new ArrayList<>();
        for (Golden g : Goldens.all()) {
            if (g.className().isEmpty() || g.outputs().isEmpty()) {
                unclaimed.add(g.name() + " (no class name or no outputs)");
                continue;
            }
            boolean claimed = LayerGoldenTest.isLayerCase(g)
                    || LayerGoldenTest.isSequentialCase(g)
                    || g.name().startsWith("grads_")
                    || g.className().equals("Loss")
                    || g.name().startsWith("optimizer_rule_") || g.name().startsWith("keras_ref_optimizer_");
            if (!claimed) {
                unclaimed.add(g.name() + " (" + g.className() + ")");
            }
        }
        assertEquals(List.of(), unclaimed, "golden cases no test runs");
    }
}
