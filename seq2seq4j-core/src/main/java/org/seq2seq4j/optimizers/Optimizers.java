package org.seq2seq4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Optimizers by Keras name or config: {@code sgd, rmsprop, adam, adagrad, adadelta, adamax, nadam}
 * (case-insensitive, so Keras class names such as {@code "Adam"} work too).
 *
 * <pre>{@code
 * Optimizer a = Optimizers.get("adam");                              // Keras 3 defaults
 * Optimizer b = Optimizers.fromConfig("SGD", new LayerConfig().put("learning_rate", 0.1).put("momentum", 0.9));
 * }</pre>
 */
public final class Optimizers {
    private static final Map<String, Function<LayerConfig, Optimizer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("sgd", SGD::fromConfig);
        BY_NAME.put("rmsprop", RMSprop::fromConfig);
        BY_NAME.put("adam", Adam::fromConfig);
        BY_NAME.put("adagrad", Adagrad::fromConfig);
        BY_NAME.put("adadelta", Adadelta::fromConfig);
        BY_NAME.put("adamax", Adamax::fromConfig);
        BY_NAME.put("nadam", Nadam::fromConfig);
    }

    /**
     * Config keys Keras writes that we accept only at their "off" value (null, false or 0): features
     * we do not implement (weight decay, EMA, loss scaling, gradient accumulation) and Keras 2 leftovers.
     */
    private static final Map<String, Object> OFF = new LinkedHashMap<>();

    static {
        OFF.put("weight_decay", null);
        OFF.put("use_ema", false);
        OFF.put("ema_overwrite_frequency", null);
        OFF.put("loss_scale_factor", null);
        OFF.put("gradient_accumulation_steps", null);
        OFF.put("decay", 0.0);
    }

    /** Keys whose value does not change the update rule. */
    private static final java.util.Set<String> IGNORED = java.util.Set.of("ema_momentum", "is_legacy_optimizer", "jit_compile");

    private Optimizers() {
    }

    /** The optimizer with Keras 3 defaults for a Keras name or class name. */
    public static Optimizer get(String name) {
        return fromConfig(name, new LayerConfig());
    }

    /**
     * The optimizer of Keras class {@code className} built from its config (Keras keys such as
     * {@code learning_rate}, {@code beta_1}, {@code clipnorm}). Unknown keys and unsupported
     * features (weight_decay, use_ema, ...) raise a {@link ConfigException}.
     */
    public static Optimizer fromConfig(String className, LayerConfig config) {
        Function<LayerConfig, Optimizer> make = BY_NAME.get(Objects.requireNonNull(className, "className").toLowerCase(Locale.ROOT));
        if (make == null) {
            throw ConfigException.argument("Optimizers", "optimizer name", "one of " + BY_NAME.keySet(), "'" + className + "'");
        }
        Optimizer opt;
        if (config.get("learning_rate") instanceof LayerConfig schedule) {
            LayerConfig rest = LayerConfig.of(config.asMap());
            rest.put("learning_rate", null);
            opt = make.apply(rest).learningRate(org.seq2seq4j.optimizers.schedules.LearningRateSchedule.deserialize(schedule));
        } else {
            opt = make.apply(config);
        }
        java.util.Set<String> known = opt.getConfig().keys();
        for (String key : config.keys()) {
            Object v = config.get(key);
            if (OFF.containsKey(key)) {
                if (v != null && !isOff(v)) {
                    throw ConfigException.argument(opt.describe(), key, "unset (" + OFF.get(key) + "); it is not supported", v);
                }
            } else if (!known.contains(key) && !IGNORED.contains(key)) {
                throw ConfigException.argument(opt.describe(), "config key '" + key + "'", "one of " + known, "unknown");
            }
        }
        return opt;
    }

    private static boolean isOff(Object v) {
        return Boolean.FALSE.equals(v) || v instanceof Number n && n.doubleValue() == 0;
    }
}
