package org.seq2seq4j.losses;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every loss case ({@link GoldenKind#LOSS}, class_name "Loss"). Each named output is one
 * (reduction, sample weight, mask) combination, read from the case descriptions:
 * <ul>
 * <li>{@code per_sample}, {@code per_timestep}: reduction none, no weights;</li>
 * <li>{@code loss}: the config's reduction, with the case's sample_weight unless the case lists a
 *     weighted variant ({@code loss_sample_weighted}) separately;</li>
 * <li>{@code loss_sample_weighted}, {@code loss_timestep_weighted}: sum_over_batch_size with sample_weight;</li>
 * <li>{@code loss_sum}: sum with sample_weight; {@code loss_mean_with_sample_weight}: mean_with_sample_weight with it;</li>
 * <li>{@code loss_masked}: with the mask; {@code loss_masked_sample_weighted}: mask and sample_weight;
 *     {@code loss_unmasked}: neither.</li>
 * </ul>
 * An output name not in this list fails the test.
 */
class LossGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.ofKind(GoldenKind.LOSS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Golden g) {
        Tensor yTrue = g.input("y_true");
        Tensor yPred = g.input("y_pred");
        Tensor sw = g.input("sample_weight");
        Tensor mask = g.input("mask");
        boolean weightedListedApart = g.outputNames().contains("loss_sample_weighted");
        for (String out : g.outputNames()) {
            Loss loss = Losses.fromConfig("Loss", g.layerConfig());
            Tensor actual = switch (out) {
                case "per_sample", "per_timestep" -> loss.reduction(Reduction.NONE).call(yTrue, yPred);
                case "loss" -> loss.call(yTrue, yPred, weightedListedApart ? null : sw, null);
                case "loss_sample_weighted", "loss_timestep_weighted" ->
                        loss.reduction(Reduction.SUM_OVER_BATCH_SIZE).call(yTrue, yPred, sw, null);
                case "loss_sum" -> loss.reduction(Reduction.SUM).call(yTrue, yPred, sw, null);
                case "loss_mean_with_sample_weight" -> loss.reduction(Reduction.MEAN_WITH_SAMPLE_WEIGHT).call(yTrue, yPred, sw, null);
                case "loss_masked" -> loss.reduction(Reduction.SUM_OVER_BATCH_SIZE).call(yTrue, yPred, null, mask);
                case "loss_masked_sample_weighted" -> loss.reduction(Reduction.SUM_OVER_BATCH_SIZE).call(yTrue, yPred, sw, mask);
                case "loss_unmasked" -> loss.reduction(Reduction.SUM_OVER_BATCH_SIZE).call(yTrue, yPred);
                default -> fail(g.name() + ": output '" + out + "' has no known reduction/weight combination");
            };
            Tensor expected = g.output(out);
            double tol = g.tolerance() + 1e-6 * Math.abs(expected.data()[0]);    // float32 results
            assertAllClose(expected, actual, tol, g.name() + " " + out);
        }
    }
}
