package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;

/**
 * The Keras 3 weight layout of {@code model.weights.h5} (inside a {@code .keras} zip, or saved
 * alone by {@code model.save_weights}): weights are stored by position, not by layer name. A
 * model's layers sit at {@code layers/<snake_case(class)>} with {@code _1}, {@code _2} ... in
 * {@code model.layers} order (config {@code lstm_3} may be {@code layers/lstm}); a layer's own
 * variables at {@code vars/0..n}, a Keras RNN's in {@code cell/vars} (stacked cells in
 * {@code cell/cells/<snake_case(cell class)>/vars}, named as layers are), a wrapper's inner layer under
 * {@code layer} ({@code forward_layer}/{@code backward_layer} for Bidirectional), a nested model's
 * layers under its own {@code layers}. A Sequential does not count its InputLayer.
 *
 * <pre>{@code
 * List<FileLayer> layers = Keras3Layout.read(h5, List.of(new Keras3Layout.Entry("LSTM", lstm), ...));
 * // layers.get(0).path() -> "/layers/lstm/"; its datasets cell/vars/0, 1, 2
 * }</pre>
 */
final class Keras3Layout {
    /** A top-level layer of the model and the Keras class name its path is made from. */
    record Entry(String className, Layer layer) {
    }

    /** Keras's own recurrent layers, whose weights sit in their cell ({@code cell/cells/...} when stacked). */
    private static final Set<String> KERAS_RNNS = Set.of("LSTM", "GRU", "SimpleRNN", "RNN");

    private Keras3Layout() {
    }

    /** True when {@code root} looks like a Keras 3 weights file (a {@code layers} group, no {@code layer_names}). */
    static boolean matches(H5File h5, Group root) {
        return h5.group(root, "layers") != null && !Keras2Layout.matches(h5, root);
    }

    /** The entries of a model built in Java: its layers in Keras order with their class names. */
    static List<Entry> entries(Model model) {
        List<Entry> out = new ArrayList<>();
        for (Layer l : KerasLayerOrder.of(model)) {
            if (!(model instanceof Sequential && l instanceof InputLayer)) {
                out.add(new Entry(l.className(), l));
            }
        }
        return out;
    }

    /**
     * The datasets of every entry with weights, in weight order ({@code weights} of a layer whose
     * group is missing are empty), and the file's layer groups with weights that no entry claims.
     */
    static List<FileLayer> read(H5File h5, List<Entry> entries, List<String> unclaimed) {
        Group layers = h5.group(h5.root(), "layers");
        if (layers == null) {
            throw h5.error("/", "no 'layers' group: not a Keras 3 weights file");
        }
        List<FileLayer> out = new ArrayList<>();
        Set<String> claimed = new LinkedHashSet<>();
        Map<String, Integer> used = new HashMap<>();
        for (Entry e : entries) {
            String name = uniqueName(snakeCase(e.className()), used);
            claimed.add(name);
            if (KerasLayerOrder.weights(e.layer()).isEmpty()) {
                continue;
            }
            Group g = h5.group(layers, name);
            List<Dataset> datasets = new ArrayList<>();
            if (g != null) {
                for (String p : paths(e.layer())) {
                    Node n = h5.node(g, p);
                    if (!(n instanceof Dataset d)) {
                        break;
                    }
                    datasets.add(d);
                }
            }
            out.add(new FileLayer(e.layer().name(), layers.getPath() + name + "/", datasets));
        }
        for (String child : h5.children(layers)) {
            Group g = h5.group(layers, child);
            if (!claimed.contains(child) && g != null && !h5.datasets(g).isEmpty()) {
                unclaimed.add(g.getPath());
            }
        }
        return out;
    }

    /** Paths of a layer's weights below its group, in the layer's weight order. */
    static List<String> paths(Layer layer) {
        List<String> out = new ArrayList<>();
        if (layer instanceof Model m) {
            Map<String, Integer> used = new HashMap<>();
            for (Entry e : entries(m)) {
                String name = uniqueName(snakeCase(e.className()), used);
                paths(e.layer()).forEach(p -> out.add("layers/" + name + "/" + p));
            }
        } else if (layer instanceof Bidirectional b) {
            paths(b.forwardLayer()).forEach(p -> out.add("forward_layer/" + p));
            paths(b.backwardLayer()).forEach(p -> out.add("backward_layer/" + p));
        } else if (layer instanceof TimeDistributed t) {
            paths(t.layer()).forEach(p -> out.add("layer/" + p));
        } else if (layer instanceof RecurrentLayer<?> r && KERAS_RNNS.contains(layer.className())) {
            List<RecurrentCell> cells = r.cells();
            Map<String, Integer> used = new HashMap<>();
            for (RecurrentCell c : cells) {
                String group = cells.size() == 1 ? "cell/" : "cell/cells/" + uniqueName(snakeCase(c.className()), used) + "/";
                for (int i = 0; i < c.weights().size(); i++) {
                    out.add(group + "vars/" + i);
                }
            }
        } else {
            for (int i = 0; i < layer.weights().size(); i++) {
                out.add("vars/" + i);
            }
        }
        return out;
    }

    static String uniqueName(String base, Map<String, Integer> used) {
        int n = used.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    /** Keras 3's {@code naming.to_snake_case}: LSTM -> lstm, SimpleRNN -> simple_rnn, Conv1D -> conv1d. */
    static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
