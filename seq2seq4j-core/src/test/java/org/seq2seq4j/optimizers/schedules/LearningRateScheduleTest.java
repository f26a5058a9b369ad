package org.seq2seq4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.optimizers.SGD;
import org.seq2seq4j.tensor.Tensor;

/** Keras's learning-rate schedules against values worked out by hand from their formulas. */
class LearningRateScheduleTest {
    @Test
    void exponentialDecayFollowsItsFormula() {
        ExponentialDecay s = new ExponentialDecay(0.1, 100, 0.5);
        assertEquals(0.1, s.rate(0), 1e-15);
        assertEquals(0.05, s.rate(100), 1e-15);
        assertEquals(0.1 / (2 * Math.sqrt(2)), s.rate(150), 1e-15);       // 0.1 * 0.5^1.5
        assertEquals(0.025, s.rate(200), 1e-15);
        s.staircase(true);
        assertEquals(0.05, s.rate(150), 1e-15);
        assertEquals(0.1, s.rate(99), 1e-15);
    }

    @Test
    void cosineDecayWithoutWarmup() {
        CosineDecay s = new CosineDecay(1.0, 100);
        assertEquals(1.0, s.rate(0), 1e-15);
        assertEquals(0.5, s.rate(50), 1e-15);                              // cos(pi / 2) = 0
        assertEquals((1 + Math.sqrt(0.5)) / 2, s.rate(25), 1e-15);        // cos(pi / 4) = sqrt(1/2)
        assertEquals(0.0, s.rate(100), 1e-15);
        assertEquals(0.0, s.rate(1000), 1e-15);                            // stays at alpha * initial
        s.alpha(0.1);
        assertEquals(0.9 * 0.5 + 0.1, s.rate(50), 1e-15);
        assertEquals(0.1, s.rate(500), 1e-15);
    }

    @Test
    void cosineDecayWithWarmupRisesLinearlyThenDecaysFromTheTarget() {
        CosineDecay s = new CosineDecay(0.0, 1000).warmupTarget(1e-3).warmupSteps(100);
        assertEquals(0.0, s.rate(0), 1e-18);
        assertEquals(5e-4, s.rate(50), 1e-18);
        assertEquals(1e-3, s.rate(100), 1e-18);
        assertEquals(5e-4, s.rate(600), 1e-18);
        assertEquals(0.0, s.rate(1100), 1e-18);
        assertEquals(0.0, s.rate(5000), 1e-18);
    }

    @Test
    void anOptimizerUsesTheRateAtItsIterationCountBeforeEachUpdate() {
        // SGD without momentum: w -= lr * g with g = 1, so each update subtracts exactly that step's rate
        Variable w = new Variable("w", Tensor.of(new float[] {0f}, 1), true);
        Optimizer sgd = new SGD().learningRate(new ExponentialDecay(0.5, 1, 0.5));
        Tensor g = Tensor.of(new float[] {1f}, 1);
        sgd.apply(List.of(w), List.of(g));                                 // rate(0) = 0.5
        assertEquals(-0.5f, w.value().data()[0], 1e-7f);
        assertEquals(0.25, sgd.learningRate(), 1e-15);                     // rate(1)
        sgd.apply(List.of(w), List.of(g));
        assertEquals(-0.75f, w.value().data()[0], 1e-7f);
        ConfigException e = assertThrows(ConfigException.class, () -> sgd.learningRate(0.1));
        assertEquals("learning_rate", e.argument());
        assertEquals("ExponentialDecay", sgd.getConfig().getConfig("learning_rate").get("class_name"));
    }

    @Test
    void aScheduleSurvivesTheOptimizerConfig() {
        Optimizer adam = new org.seq2seq4j.optimizers.Adam()
                .learningRate(new CosineDecay(0.0, 1000).warmupTarget(1e-3).warmupSteps(100).alpha(0.1));
        Optimizer back = org.seq2seq4j.optimizers.Optimizers.fromConfig("adam", adam.getConfig());
        for (long step : new long[] {0, 50, 100, 600, 1100, 5000}) {
            assertEquals(adam.schedule().rate(step), back.schedule().rate(step), 0.0, "step " + step);
        }
        Optimizer sgd = new SGD().learningRate(new ExponentialDecay(0.5, 10, 0.5).staircase(true));
        Optimizer sgdBack = org.seq2seq4j.optimizers.Optimizers.fromConfig("sgd", sgd.getConfig());
        assertEquals(0.25, sgdBack.schedule().rate(15), 0.0);
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("decay_steps", assertThrows(ConfigException.class, () -> new CosineDecay(0.1, 0)).argument());
        assertEquals("decay_rate", assertThrows(ConfigException.class,
                () -> new ExponentialDecay(0.1, 10, Double.NaN)).argument());
        assertEquals("alpha", assertThrows(ConfigException.class, () -> new CosineDecay(0.1, 10).alpha(2)).argument());
    }
}
