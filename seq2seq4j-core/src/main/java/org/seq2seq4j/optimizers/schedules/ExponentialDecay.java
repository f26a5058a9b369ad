package org.seq2seq4j.optimizers.schedules;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Keras's {@code ExponentialDecay}: {@code initial_learning_rate * decay_rate ^ (step / decay_steps)},
 * with the exponent rounded down when {@code staircase} is set (the rate then drops every
 * {@code decay_steps} updates).
 *
 * <pre>{@code
 * LearningRateSchedule s = new ExponentialDecay(0.1, 100, 0.5);
 * s.rate(0);    // 0.1
 * s.rate(100);  // 0.05
 * s.rate(150);  // 0.1 * 0.5^1.5 = 0.0354 (0.05 with staircase(true))
 * }</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private static final String CLS = "ExponentialDecay";
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private boolean staircase;

    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this.initialLearningRate = LearningRateSchedule.check(CLS, "initial_learning_rate", initialLearningRate, false);
        this.decaySteps = (long) LearningRateSchedule.check(CLS, "decay_steps", decaySteps, true);
        this.decayRate = LearningRateSchedule.check(CLS, "decay_rate", decayRate, true);
    }

    /** Round the exponent down (default false). */
    public ExponentialDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double rate(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
    }

    @Override
    public String className() {
        return CLS;
    }

    @Override
    public LayerConfig getConfig() {
        return new LayerConfig().put("initial_learning_rate", initialLearningRate).put("decay_steps", decaySteps)
                .put("decay_rate", decayRate).put("staircase", staircase).put("name", CLS);
    }
}
