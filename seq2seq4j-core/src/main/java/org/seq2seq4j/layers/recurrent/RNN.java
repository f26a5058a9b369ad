package org.seq2seq4j.layers.recurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Keras's generic {@code RNN(cell)}: runs an {@link LSTMCell}, {@link GRUCell} or
 * {@link SimpleRNNCell}, or a stack of them (Keras's StackedRNNCells: each cell feeds the next, the
 * output is the last cell's, the states are every cell's in order), over a sequence. Each cell runs
 * as the same fused op as the matching layer ({@code RNN(LSTMCell)} is as fast as {@link LSTM}).
 * Config: the RNN arguments plus {@code "cell": {class_name, config}}, a stack being
 * {@code {"class_name": "StackedRNNCells", "config": {"cells": [...]}}}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(List.of(new LSTMCell(8), new GRUCell(4))).returnState(true);
 * Tensor[] out = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // [output (2, 4), h1, c1 (2, 8), h2 (2, 4)]
 * }</pre>
 */
public final class RNN extends RecurrentLayer<RNN> {
    private static final String STACKED = "StackedRNNCells";

    /** An RNN over one cell. */
    public RNN(FusedCell<?> cell) {
        super(java.util.Collections.singletonList(cell));
    }

    /** An RNN over stacked cells, first to last. */
    public RNN(List<? extends FusedCell<?>> cells) {
        super(cells);
    }

    @Override
    public LayerConfig getConfig() {
        List<FusedCell<?>> cells = cells();
        LayerConfig cell = cells.size() == 1 ? serialize(cells.get(0)) : new LayerConfig().put("class_name", STACKED)
                .put("config", new LayerConfig().put("cells", cells.stream().map(RNN::serialize).toList()));
        return super.getConfig().put("cell", cell);
    }

    private static LayerConfig serialize(FusedCell<?> c) {
        return new LayerConfig().put("class_name", c.className()).put("config", c.getConfig());
    }

    /** An RNN from its Keras config; the cell is required. */
    public static RNN fromConfig(LayerConfig c) {
        checkKeys("RNN", c, Set.of("cell"));
        Object cell = c.get("cell");
        if (!(cell instanceof LayerConfig cc)) {
            throw ConfigException.argument("RNN", "cell", "a {class_name, config} object", cell);
        }
        List<FusedCell<?>> cells = new ArrayList<>();
        if (STACKED.equals(cc.getString("class_name", null))) {
            LayerConfig sc = cc.getConfig("config");
            Object list = sc == null ? null : sc.get("cells");
            if (!(list instanceof List<?> l) || l.isEmpty()) {
                throw ConfigException.argument("StackedRNNCells", "cells", "a non-empty list of cells", list);
            }
            for (Object o : l) {
                cells.add(cellFromConfig(o));
            }
        } else {
            cells.add(cellFromConfig(cc));
        }
        return applyRnnConfig(new RNN(cells), c);
    }

    /** A cell from {@code {"class_name": "LSTMCell" | "GRUCell" | "SimpleRNNCell", "config": {...}}}, with its name. */
    public static FusedCell<?> cellFromConfig(Object classAndConfig) {
        if (!(classAndConfig instanceof LayerConfig cc) || cc.getConfig("config") == null) {
            throw ConfigException.argument("RNN", "cell", "a {class_name, config} object", classAndConfig);
        }
        LayerConfig config = cc.getConfig("config");
        String cls = cc.getString("class_name", null);
        FusedCell<?> cell = switch (cls == null ? "" : cls) {
            case "LSTMCell" -> LSTMCell.fromConfig(config);
            case "GRUCell" -> GRUCell.fromConfig(config);
            case "SimpleRNNCell" -> SimpleRNNCell.fromConfig(config);
            default -> throw ConfigException.argument("RNN", "cell.class_name",
                    "one of [LSTMCell, GRUCell, SimpleRNNCell, StackedRNNCells]", cls);
        };
        Set<String> keys = new java.util.HashSet<>(FusedCell.commonKeys());
        keys.addAll(cell.ownKeys());
        checkKeys(cls, config, keys);
        if (config.has("name")) {
            cell.name(config.getString("name", null));
        }
        return cell;
    }
}
