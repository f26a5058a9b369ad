package org.seq2seq4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A Keras model served as it is: its inputs and outputs named after their layers (an output of a
 * layer with several outputs gets {@code _1}, {@code _2}, ... after the first), FP32, shapes as the
 * model declares them. A functional model, or a Sequential whose first layer declares its input
 * shape.
 *
 * <pre>{@code
 * TensorModel m = KerasTensorModel.of(KerasModels.load(Path.of("model.keras")));
 * Map<String, Tensor> out = m.infer(Map.of("input_layer", Tensor.zeros(2, 4)));
 * }</pre>
 */
public final class KerasTensorModel implements TensorModel {
    private final Model model;
    private final ModelMetadata metadata;

    private KerasTensorModel(Model model, ModelMetadata metadata) {
        this.model = model;
        this.metadata = metadata;
    }

    /** Serves {@code model}; a Sequential without a declared input shape is a {@link ConfigException}. */
    public static KerasTensorModel of(Model model) {
        List<TensorSpec> in = new ArrayList<>();
        List<TensorSpec> out = new ArrayList<>();
        if (model instanceof Functional f) {
            for (KerasTensor t : f.inputs()) {
                in.add(spec(t.node().layer().name(), t.shape(), in));
            }
            for (KerasTensor t : f.outputs()) {
                out.add(spec(t.node().layer().name(), t.shape(), out));
            }
        } else if (model instanceof Sequential s && s.declaredInput() != null) {
            Shape declared = s.declaredInput();
            String first = s.layers().get(0) instanceof InputLayer l ? l.name() : "input";
            in.add(spec(first, declared, in));
            out.add(spec(s.layers().get(s.layers().size() - 1).name(), s.computeOutputShape(declared), out));
        } else {
            throw ConfigException.argument("KerasTensorModel", "model", "a functional model or a Sequential whose "
                    + "first layer declares its input shape", model.describe());
        }
        return new KerasTensorModel(model, new ModelMetadata(ModelMetadata.Kind.TENSOR, in, out));
    }

    private static TensorSpec spec(String name, Shape shape, List<TensorSpec> earlier) {
        String n = name;
        for (int k = 1; taken(n, earlier); k++) {
            n = name + "_" + k;
        }
        return new TensorSpec(n, TensorSpec.FP32, shape.dims());
    }

    private static boolean taken(String name, List<TensorSpec> earlier) {
        return earlier.stream().anyMatch(t -> t.name().equals(name));
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public Map<String, Tensor> infer(Map<String, Tensor> inputs) {
        List<Tensor> x = new ArrayList<>();
        for (TensorSpec s : metadata.inputs()) {
            Tensor t = inputs.get(s.name());
            if (t == null) {
                throw ConfigException.argument("infer", "inputs", "the input '" + s.name() + "'", inputs.keySet());
            }
            x.add(t);
        }
        List<Tensor> y = model.predictAll(x, Integer.MAX_VALUE);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int k = 0; k < y.size(); k++) {
            out.put(metadata.outputs().get(k).name(), y.get(k));
        }
        return out;
    }
}
