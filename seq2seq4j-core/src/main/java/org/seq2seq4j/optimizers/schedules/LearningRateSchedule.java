package org.seq2seq4j.optimizers.schedules;

import org.seq2seq4j.layers.LayerConfig;

/**
 * A learning rate that changes with the optimizer step, as Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}: the optimizer asks for
 * {@code rate(iterations)} before each update, {@code iterations} being the number of updates
 * already made (0 for the first). Implementations: {@link ExponentialDecay}, {@link CosineDecay}
 * (with optional linear warmup).
 *
 * <pre>{@code
 * Optimizer opt = new Adam().learningRate(new CosineDecay(0.0, 10_000).warmupTarget(1e-3).warmupSteps(500));
 * // step 0: 0.0, step 250: 5e-4, step 500: 1e-3, then a cosine down to 0 at step 10,500
 * }</pre>
 */
public interface LearningRateSchedule {
    /** The learning rate of the update that follows {@code step} earlier updates. */
    double rate(long step);

    /** The Keras class name, e.g. {@code "CosineDecay"}. */
    String className();

    /** The Keras config ({@code initial_learning_rate}, {@code decay_steps}, ...). */
    LayerConfig getConfig();

    /** {@code {"class_name": ..., "config": {...}}}, as Keras serialises a schedule inside an optimizer config. */
    default LayerConfig serialize() {
        return new LayerConfig().put("module", "keras.optimizers.schedules").put("class_name", className())
                .put("config", getConfig().asMap());
    }

    /**
     * The schedule {@link #serialize} wrote ({@code ExponentialDecay} or {@code CosineDecay}); another class or
     * a bad value is a {@link org.seq2seq4j.ConfigException}.
     */
    static LearningRateSchedule deserialize(LayerConfig c) {
        Object inner = c.get("config");
        if (!(inner instanceof LayerConfig k)) {
            throw org.seq2seq4j.ConfigException.argument("LearningRateSchedule", "config", "an object", inner);
        }
        String cls = String.valueOf(c.get("class_name"));
        switch (cls) {
            case "ExponentialDecay":
                return new ExponentialDecay(k.getDouble(cls, "initial_learning_rate", 0),
                        (long) k.getDouble(cls, "decay_steps", 0), k.getDouble(cls, "decay_rate", 0))
                        .staircase(k.getBool(cls, "staircase", false));
            case "CosineDecay":
                CosineDecay d = new CosineDecay(k.getDouble(cls, "initial_learning_rate", 0),
                        (long) k.getDouble(cls, "decay_steps", 0)).alpha(k.getDouble(cls, "alpha", 0));
                if (k.has("warmup_target")) {
                    d.warmupTarget(k.getDouble(cls, "warmup_target", 0));
                }
                return d.warmupSteps((long) k.getDouble(cls, "warmup_steps", 0));
            default:
                throw org.seq2seq4j.ConfigException.argument("LearningRateSchedule", "class_name",
                        "ExponentialDecay or CosineDecay", cls);
        }
    }

    /** Checks a schedule argument: finite and {@code >= 0} (or {@code > 0} when {@code positive}). */
    static double check(String cls, String argument, double v, boolean positive) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v < 0 || (positive && v == 0)) {
            throw org.seq2seq4j.ConfigException.argument(cls, argument, positive ? "a finite number > 0"
                    : "a finite number >= 0", v);
        }
        return v;
    }
}
