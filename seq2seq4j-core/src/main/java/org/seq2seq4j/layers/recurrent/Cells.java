package org.seq2seq4j.layers.recurrent;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.seq2seq.AttentionDecoderCell;
import org.seq2seq4j.seq2seq.AttentionGRUDecoderCell;
import org.seq2seq4j.seq2seq.GRUDecoderCell;
import org.seq2seq4j.seq2seq.LSTMDecoderCell;

/**
 * Builds recurrent cells from Keras configs {@code {"class_name": ..., "config": {...}}}, as an
 * {@link RNN} config holds them: the Keras cells ({@code LSTMCell}, {@code GRUCell},
 * {@code SimpleRNNCell}), the seq2seq decoder cells ({@code LSTMDecoderCell}, {@code GRUDecoderCell},
 * {@code AttentionDecoderCell}, {@code AttentionGRUDecoderCell}) and every cell class a user
 * registers, so that configs and model files naming it load.
 *
 * <pre>{@code
 * Cells.register("MinimalGRUCell", c -> new MinimalGRUCell(c.requireInt("MinimalGRUCell", "units")));
 * RecurrentCell cell = Cells.fromConfig(new LayerConfig().put("class_name", "MinimalGRUCell")
 *         .put("config", new LayerConfig().put("units", 4)));
 * }</pre>
 */
public final class Cells {
    private static final Map<String, Function<LayerConfig, RecurrentCell>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("LSTMCell", c -> checked(LSTMCell.fromConfig(c), c));
        REGISTRY.put("GRUCell", c -> checked(GRUCell.fromConfig(c), c));
        REGISTRY.put("SimpleRNNCell", c -> checked(SimpleRNNCell.fromConfig(c), c));
        REGISTRY.put("LSTMDecoderCell", LSTMDecoderCell::fromConfig);
        REGISTRY.put("GRUDecoderCell", GRUDecoderCell::fromConfig);
        REGISTRY.put("AttentionDecoderCell", AttentionDecoderCell::fromConfig);
        REGISTRY.put("AttentionGRUDecoderCell", AttentionGRUDecoderCell::fromConfig);
    }

    private Cells() {
    }

    /**
     * Makes {@code className} loadable: {@code factory} builds the cell from its config (the name
     * is applied afterwards). A Keras cell class cannot be replaced.
     */
    public static synchronized void register(String className, Function<LayerConfig, RecurrentCell> factory) {
        if (className == null || className.isEmpty() || factory == null) {
            throw ConfigException.argument("Cells.register", "className and factory", "a non-empty name and a factory",
                    className);
        }
        if (Set.of("LSTMCell", "GRUCell", "SimpleRNNCell", "StackedRNNCells").contains(className)) {
            throw ConfigException.argument("Cells.register", "className", "a name that is not a Keras cell class",
                    "'" + className + "'");
        }
        REGISTRY.put(className, factory);
    }

    /** True when a cell class name can be loaded. */
    public static synchronized boolean isKnown(String className) {
        return REGISTRY.containsKey(className);
    }

    /** A cell from {@code {"class_name": ..., "config": {...}}}, with its name. */
    public static RecurrentCell fromConfig(Object classAndConfig) {
        if (!(classAndConfig instanceof LayerConfig cc) || cc.getConfig("config") == null) {
            throw ConfigException.argument("RNN", "cell", "a {class_name, config} object", classAndConfig);
        }
        LayerConfig config = cc.getConfig("config");
        String cls = cc.getString("class_name", null);
        Function<LayerConfig, RecurrentCell> factory;
        synchronized (Cells.class) {
            factory = REGISTRY.get(cls);
            if (factory == null) {
                throw ConfigException.argument("RNN", "cell.class_name", "one of " + REGISTRY.keySet()
                        + " or StackedRNNCells; register other cell classes with Cells.register", "'" + cls + "'");
            }
        }
        RecurrentCell cell = factory.apply(config);
        if (config.has("name")) {
            cell.name(config.getString("name", null));
        }
        return cell;
    }

    /** Rejects keys of a Keras cell's config that are not its arguments. */
    private static RecurrentCell checked(FusedCell<?> cell, LayerConfig config) {
        Set<String> keys = new HashSet<>(FusedCell.commonKeys());
        keys.addAll(cell.ownKeys());
        RecurrentLayer.checkKeys(cell.className(), config, keys);
        return cell;
    }
}
