package org.seq2seq4j.layers.recurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;

/**
 * Keras's generic {@code RNN(cell)}: runs a {@link RecurrentCell} (an {@link LSTMCell},
 * {@link GRUCell}, {@link SimpleRNNCell} or a cell of your own), or a stack of them (Keras's
 * StackedRNNCells: each cell feeds the next, the output is the last cell's, the states are every
 * cell's in order), over a sequence. The Keras cells run as the same fused op as the matching layer
 * ({@code RNN(LSTMCell)} is as fast as {@link LSTM}); other cells run step by step through their
 * own forward and backward. A cell that reads constants takes them after the initial states:
 * {@code rnn.apply(x, constants...)} or {@code rnn.apply(x, states..., constants...)}. Cells load
 * from configs through {@link Cells}.
 * Config: the RNN arguments plus {@code "cell": {class_name, config}}, a stack being
 * {@code {"class_name": "StackedRNNCells", "config": {"cells": [...]}}}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(List.of(new LSTMCell(8), new GRUCell(4))).returnState(true);
 * List<Tensor> out = rnn.applyAll(Tensor.random(Shape.of(2, 5, 3), 1));   // [output (2, 4), h1, c1 (2, 8), h2 (2, 4)]
 * }</pre>
 */
public final class RNN extends RecurrentLayer<RNN> {
    private static final String STACKED = "StackedRNNCells";
    private static final Set<String> KERAS_CELLS = Set.of("LSTMCell", "GRUCell", "SimpleRNNCell");

    /** An RNN over one cell. */
    public RNN(RecurrentCell cell) {
        super(java.util.Collections.singletonList(cell));
    }

    /** An RNN over stacked cells, first to last. */
    public RNN(List<? extends RecurrentCell> cells) {
        super(cells);
    }

    @Override
    public LayerConfig getConfig() {
        List<RecurrentCell> cells = cells();
        LayerConfig cell = cells.size() == 1 ? serialize(cells.get(0)) : new LayerConfig().put("module", "keras.layers")
                .put("class_name", STACKED).put("config", new LayerConfig().put("cells", cells.stream()
                        .map(RNN::serialize).toList())).put("registered_name", null);
        return super.getConfig().put("cell", cell);
    }

    /** A cell's Keras 3 entry: Keras cells name their module, custom cells their class as the registered name. */
    private static LayerConfig serialize(RecurrentCell c) {
        boolean keras = KERAS_CELLS.contains(c.className());
        return new LayerConfig().put("module", keras ? "keras.layers" : null).put("class_name", c.className())
                .put("config", c.getConfig()).put("registered_name", keras ? null : c.className());
    }

    /** An RNN from its Keras config; the cell is required. */
    public static RNN fromConfig(LayerConfig c) {
        checkKeys("RNN", c, Set.of("cell"));
        Object cell = c.get("cell");
        if (!(cell instanceof LayerConfig cc)) {
            throw ConfigException.argument("RNN", "cell", "a {class_name, config} object", cell);
        }
        List<RecurrentCell> cells = new ArrayList<>();
        if (STACKED.equals(cc.getString("class_name", null))) {
            LayerConfig sc = cc.getConfig("config");
            Object list = sc == null ? null : sc.get("cells");
            if (!(list instanceof List<?> l) || l.isEmpty()) {
                throw ConfigException.argument("StackedRNNCells", "cells", "a non-empty list of cells", list);
            }
            for (Object o : l) {
                cells.add(Cells.fromConfig(o));
            }
        } else {
            cells.add(Cells.fromConfig(cc));
        }
        return applyRnnConfig(new RNN(cells), c);
    }
}
