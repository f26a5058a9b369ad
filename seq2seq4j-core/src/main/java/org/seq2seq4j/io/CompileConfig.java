package org.seq2seq4j.io;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.metrics.Metric;
import org.seq2seq4j.metrics.Metrics;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.optimizers.Optimizers;

/**
 * A compiled model's {@code compile_config} as Keras 3 writes it in {@code config.json}: the
 * optimizer as a {@code {module, class_name, config, registered_name}} object, the loss by name (or
 * as such an object when it has options its name does not give), the
 * metric names, and Keras's other compile arguments at their defaults. {@link #apply} compiles a
 * model from one.
 *
 * <pre>{@code
 * LayerConfig c = CompileConfig.of(model);   // {optimizer={module=keras.optimizers, class_name=RMSprop, ...}, ...}
 * CompileConfig.apply(other, c);            // other.optimizer() is a new RMSprop with the same settings
 * }</pre>
 */
public final class CompileConfig {
    private CompileConfig() {
    }

    /** The compile config of a compiled model, or null when it is not compiled. */
    public static LayerConfig of(Model model) {
        Optimizer o = model.optimizer();
        Loss loss = model.loss();
        if (o == null || loss == null) {
            return null;
        }
        List<String> metrics = new ArrayList<>();
        model.metrics().forEach(m -> metrics.add(m.name()));
        return new LayerConfig()
                .put("optimizer", entry("keras.optimizers", o.getClass().getSimpleName(), o.getConfig()))
                .put("loss", isDefault(loss) ? loss.name() : entry("keras.losses", loss.getClass().getSimpleName(),
                        loss.getConfig()))
                .put("loss_weights", null).put("metrics", metrics).put("weighted_metrics", null)
                .put("run_eagerly", false).put("steps_per_execution", 1).put("jit_compile", false);
    }

    /** True when the loss is what its name alone gives, so Keras's string form says it all. */
    private static boolean isDefault(Loss loss) {
        return Losses.has(loss.name()) && Losses.get(loss.name()).getConfig().equals(loss.getConfig());
    }

    private static LayerConfig entry(String module, String cls, LayerConfig config) {
        return new LayerConfig().put("module", module).put("class_name", cls).put("config", config)
                .put("registered_name", null);
    }

    /** Compiles {@code model} as {@code config} says; an optimizer, loss or metric it cannot make is a {@link ConfigException}. */
    public static void apply(Model model, LayerConfig config) {
        Optimizer o = optimizer(config.get("optimizer"));
        Loss loss = loss(config.get("loss"));
        Object ms = config.get("metrics");
        List<Metric> metrics = new ArrayList<>();
        if (ms instanceof List<?> l) {
            for (Object m : l) {
                if (!(m instanceof String name)) {
                    throw ConfigException.argument("compile_config", "metrics", "a list of metric names", ms);
                }
                metrics.add(Metrics.get(name, loss));
            }
        } else if (ms != null) {
            throw ConfigException.argument("compile_config", "metrics", "a list of metric names", ms);
        }
        model.compile(o, loss, metrics.toArray(Metric[]::new));
    }

    private static Optimizer optimizer(Object v) {
        return v instanceof String name ? Optimizers.get(name) : fromEntry(v, "optimizer", Optimizers::fromConfig);
    }

    private static Loss loss(Object v) {
        return v instanceof String name ? Losses.get(name) : fromEntry(v, "loss", Losses::fromConfig);
    }

    /** The object a {@code {class_name, config}} entry describes, made by {@code make(className, config)}. */
    private static <T> T fromEntry(Object v, String key, java.util.function.BiFunction<String, LayerConfig, T> make) {
        LayerConfig c = object(v, key);
        LayerConfig inner = c.getConfig("config");
        return make.apply(c.getString("class_name", "?"), inner == null ? new LayerConfig() : inner);
    }

    private static LayerConfig object(Object v, String key) {
        if (!(v instanceof LayerConfig c) || !(c.get("class_name") instanceof String)) {
            throw ConfigException.argument("compile_config", key, "a name or a {class_name, config} object", v);
        }
        return c;
    }
}
