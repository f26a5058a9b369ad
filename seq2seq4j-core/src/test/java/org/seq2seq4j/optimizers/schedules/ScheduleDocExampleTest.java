package org.seq2seq4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.optimizers.Optimizer;

/** The Javadoc examples of the schedules, with the values their comments state. */
class ScheduleDocExampleTest {
    @Test
    void learningRateScheduleExample() {
        Optimizer opt = new Adam().learningRate(new CosineDecay(0.0, 10_000).warmupTarget(1e-3).warmupSteps(500));
        assertEquals(0.0, opt.learningRate(), 0);
        CosineDecay s = (CosineDecay) opt.schedule();
        assertEquals(5e-4, s.rate(250), 1e-15);
        assertEquals(1e-3, s.rate(500), 1e-15);
        assertEquals(0.0, s.rate(10_500), 1e-15);
    }

    @Test
    void exponentialAndCosineExamples() {
        LearningRateSchedule e = new ExponentialDecay(0.1, 100, 0.5);
        assertEquals(0.1, e.rate(0), 1e-15);
        assertEquals(0.05, e.rate(100), 1e-15);
        assertEquals(0.0354, e.rate(150), 1e-4);
        LearningRateSchedule c = new CosineDecay(0.0, 1000).warmupTarget(1e-3).warmupSteps(100);
        assertEquals(5e-4, c.rate(50), 1e-15);
        assertEquals(5e-4, c.rate(600), 1e-15);
        assertEquals(0.0, c.rate(5000), 1e-15);
    }
}
