package org.seq2seq4j.optimizers.schedules;

import org.seq2seq4j.layers.LayerConfig;

/**
 * Keras 3's {@code CosineDecay} (Loshchilov and Hutter's SGDR without restarts), with the optional
 * linear warmup: without {@code warmup_target}, {@code initial * ((1 - alpha) * c + alpha)} where
 * {@code c = 0.5 (1 + cos(pi * min(step, decay_steps) / decay_steps))}; with it, the rate first
 * goes linearly from {@code initial_learning_rate} to {@code warmup_target} over
 * {@code warmup_steps} updates, then decays from {@code warmup_target} by the same cosine over the
 * next {@code decay_steps} updates, and stays at {@code alpha * warmup_target}.
 *
 * <pre>{@code
 * LearningRateSchedule s = new CosineDecay(0.0, 1000).warmupTarget(1e-3).warmupSteps(100);
 * s.rate(50);     // 5e-4 (half way up)
 * s.rate(600);    // 5e-4 (half way down: cos(pi / 2) = 0)
 * s.rate(5000);   // 0.0
 * }</pre>
 */
public final class CosineDecay implements LearningRateSchedule {
    private static final String CLS = "CosineDecay";
    private final double initialLearningRate;
    private final long decaySteps;
    private double alpha;
    private Double warmupTarget;
    private long warmupSteps;

    public CosineDecay(double initialLearningRate, long decaySteps) {
        this.initialLearningRate = LearningRateSchedule.check(CLS, "initial_learning_rate", initialLearningRate, false);
        this.decaySteps = (long) LearningRateSchedule.check(CLS, "decay_steps", decaySteps, true);
    }

    /** The fraction of the starting rate the decay ends at (default 0). */
    public CosineDecay alpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw org.seq2seq4j.ConfigException.argument(CLS, "alpha", "in [0, 1]", alpha);
        }
        this.alpha = alpha;
        return this;
    }

    /** The rate the warmup reaches (default none: no warmup). */
    public CosineDecay warmupTarget(double target) {
        this.warmupTarget = LearningRateSchedule.check(CLS, "warmup_target", target, false);
        return this;
    }

    /** The number of warmup updates (default 0). */
    public CosineDecay warmupSteps(long steps) {
        this.warmupSteps = (long) LearningRateSchedule.check(CLS, "warmup_steps", steps, false);
        return this;
    }

    @Override
    public double rate(long step) {
        double s = step;
        if (warmupTarget == null) {
            return decay(Math.min(s, decaySteps), initialLearningRate);
        }
        s = Math.min(s, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        }
        return decay(s - warmupSteps, warmupTarget);
    }

    private double decay(double step, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * step / decaySteps));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String className() {
        return CLS;
    }

    @Override
    public LayerConfig getConfig() {
        return new LayerConfig().put("initial_learning_rate", initialLearningRate).put("decay_steps", decaySteps)
                .put("alpha", alpha).put("name", CLS).put("warmup_target", warmupTarget)
                .put("warmup_steps", warmupSteps);
    }
}
