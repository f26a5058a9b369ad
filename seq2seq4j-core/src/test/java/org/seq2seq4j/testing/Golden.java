package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Tensor;

/** One golden case: its Keras config, weights, inputs and expected outputs. */
public record Golden(String name, JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> NOT_MODEL_INPUTS = List.of("mask", "y_true", "sample_weight");

    public String className() {
        return json.path("keras_config").path("class_name").asText();
    }

    public JsonNode kerasConfig() {
        return json.path("keras_config");
    }

    /** The layer/optimizer config object (the {@code config} under keras_config). */
    public JsonNode config() {
        return kerasConfig().path("config");
    }

    /** The layer/optimizer config as a {@link LayerConfig} (Keras snake_case keys, nested maps become configs). */
    @SuppressWarnings("unchecked")
    public LayerConfig layerConfig() {
        return LayerConfig.of(MAPPER.convertValue(config(), Map.class));
    }

    /** Any JSON object of a case (e.g. a Sequential's layer entry) as a {@link LayerConfig}. */
    @SuppressWarnings("unchecked")
    public static LayerConfig toLayerConfig(JsonNode node) {
        return LayerConfig.of(MAPPER.convertValue(node, Map.class));
    }

    public double tolerance() {
        return json.path("tolerance").asDouble();
    }

    public List<Tensor> weights() {
        return tensors(json.path("weights"));
    }

    public List<String> weightNames() {
        List<String> n = new ArrayList<>();
        json.path("weights").forEach(w -> n.add(w.path("name").asText()));
        return n;
    }

    public List<Tensor> inputs() {
        return tensors(json.path("inputs"));
    }

    /** The inputs a layer or model is called on, in order: every input but {@code mask} and the training targets. */
    public List<Tensor> modelInputs() {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode t : json.path("inputs")) {
            if (!NOT_MODEL_INPUTS.contains(t.path("name").asText())) {
                out.add(tensor(t));
            }
        }
        return out;
    }

    public List<Tensor> outputs() {
        return tensors(json.path("outputs"));
    }

    /** The named input, or null when absent. */
    public Tensor input(String name) {
        return named(json.path("inputs"), name);
    }

    /** The named output, or null when absent. */
    public Tensor output(String name) {
        return named(json.path("outputs"), name);
    }

    /** The named output; a case without it fails, naming the case and the output. */
    public Tensor requireOutput(String name) {
        Tensor t = output(name);
        if (t == null) {
            fail(this.name + ": the case has no output '" + name + "' (it has " + outputNames() + ")");
        }
        return t;
    }

    public boolean hasInput(String name) {
        return input(name) != null;
    }

    public List<String> outputNames() {
        List<String> n = new ArrayList<>();
        json.path("outputs").forEach(o -> n.add(o.path("name").asText()));
        return n;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Tensor named(JsonNode list, String name) {
        for (JsonNode t : list) {
            if (t.path("name").asText().equals(name)) {
                return tensor(t);
            }
        }
        return null;
    }

    private static List<Tensor> tensors(JsonNode list) {
        List<Tensor> out = new ArrayList<>();
        list.forEach(t -> out.add(tensor(t)));
        return out;
    }

    /** A {@code {"shape": [...], "values": [...]}} node as a tensor. */
    public static Tensor tensor(JsonNode t) {
        JsonNode shape = t.path("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        JsonNode values = t.path("values");
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.get(i).asDouble();
        }
        return Tensor.of(v, dims);
    }
}
