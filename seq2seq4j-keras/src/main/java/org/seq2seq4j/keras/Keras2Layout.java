package org.seq2seq4j.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ModelFormatException;

/**
 * The Keras 1/2 HDF5 weight layout ({@code model.save_weights("w.h5")}, and {@code model_weights}
 * of a full-model file): the attribute {@code layer_names} lists the layers in Keras's
 * {@code model.layers} order and each layer group's {@code weight_names} lists its datasets in the
 * layer's weight order. A dataset may be named after another layer ({@code encoder_lstm_3/kernel:0}
 * in group {@code encoder_lstm}), so names are read from the attributes, never guessed.
 *
 * <pre>{@code
 * List<FileLayer> layers = Keras2Layout.read(h5, h5.root());   // the layers that have weights, in file order
 * }</pre>
 */
final class Keras2Layout {
    private Keras2Layout() {
    }

    /** True when {@code root} carries the Keras 2 {@code layer_names} attribute. */
    static boolean matches(H5File h5, Group root) {
        return h5.strings(root, "layer_names") != null;
    }

    /** Every layer of {@code layer_names} that lists weights, with its datasets in weight order. */
    static List<FileLayer> read(H5File h5, Group root) {
        List<String> layerNames = h5.strings(root, "layer_names");
        if (layerNames == null) {
            throw h5.error(root.getPath(), "no 'layer_names' attribute: not a Keras 2 HDF5 weights file");
        }
        List<FileLayer> out = new ArrayList<>();
        for (String layerName : layerNames) {
            Group g;
            try {
                g = h5.group(root, layerName);
            } catch (ModelFormatException e) {
                g = null;
            }
            if (g == null) {
                throw h5.error(root.getPath() + layerName, "layer '" + layerName + "' is listed in layer_names but"
                        + " has no group");
            }
            List<String> names = h5.strings(g, "weight_names");
            if (names == null || names.isEmpty()) {
                continue;
            }
            List<Dataset> datasets = new ArrayList<>();
            for (String name : names) {
                Node n = h5.node(g, name);
                if (!(n instanceof Dataset d)) {
                    throw h5.error(g.getPath() + name, "weight '" + name + "' listed in weight_names is not a"
                            + " dataset of the layer group");
                }
                datasets.add(d);
            }
            out.add(new FileLayer(layerName, g.getPath(), datasets));
        }
        return out;
    }
}
