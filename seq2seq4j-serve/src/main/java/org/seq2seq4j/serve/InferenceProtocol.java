package org.seq2seq4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The Open Inference Protocol v2 (KServe, Triton, Seldon) in JSON: model metadata, and infer
 * requests and responses. A text model takes the BYTES tensor {@code text} of shape {@code [n]} (or
 * {@code [n, 1]}) and the request parameters {@code beam} and {@code n_best}; it gives BYTES
 * {@code translation} and FP32 {@code score}, shape {@code [n]}, or {@code [n, n_best]} when more than
 * one hypothesis is asked for. A tensor model takes its inputs by their Keras names, numbers of any
 * numeric datatype (flat or nested in row-major order), and gives FP32 outputs.
 */
final class InferenceProtocol {
    static final String VERSION = "1";
    private static final Set<String> REQUEST_FIELDS = Set.of("id", "inputs", "outputs", "parameters");
    private static final Set<String> INPUT_FIELDS = Set.of("name", "datatype", "shape", "data", "parameters");
    private static final Set<String> NUMERIC = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16",
            "INT32", "INT64", "FP16", "FP32", "FP64", "BF16");
    private static final long MAX_ELEMENTS = 1L << 26;

    private final ServerOptions options;

    InferenceProtocol(ServerOptions options) {
        this.options = options;
    }

    /** {@code GET /v2/models/{name}}. */
    static ObjectNode metadata(ModelEntry entry) {
        ModelMetadata m = entry.model().metadata();
        ObjectNode out = JsonRequests.MAPPER.createObjectNode().put("name", entry.name());
        out.putArray("versions").add(VERSION);
        out.put("platform", "seq2seq4j");
        specs(out.putArray("inputs"), m.inputs());
        specs(out.putArray("outputs"), m.outputs());
        out.putObject("parameters").put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    private static void specs(ArrayNode into, List<TensorSpec> specs) {
        for (TensorSpec s : specs) {
            ObjectNode o = into.addObject().put("name", s.name()).put("datatype", s.datatype());
            ArrayNode shape = o.putArray("shape");
            for (int d : s.shape()) {
                shape.add(d);
            }
        }
    }

    /** {@code POST /v2/models/{name}/infer}: the response, once the model has run. */
    CompletableFuture<ObjectNode> infer(ModelEntry entry, ObjectNode body, long deadline) {
        JsonRequests.allowOnly(body, "the infer request", REQUEST_FIELDS);
        String id = JsonRequests.string(body, "id");
        JsonNode params = JsonRequests.objectField(body, "parameters");
        List<Input> inputs = inputs(JsonRequests.array(body, "inputs"));
        Set<String> wanted = outputs(body, entry.model().metadata());
        ObjectNode head = JsonRequests.MAPPER.createObjectNode().put("model_name", entry.name()).put("model_version",
                VERSION);
        if (id != null) {
            head.put("id", id);
        }
        if (entry.model() instanceof TextModel) {
            TranslateOptions o = textOptions(params);
            List<String> texts = texts(inputs);
            return entry.translate(texts, o, deadline).thenApply(r -> textResponse(head, r, o.nBest(), wanted));
        }
        Map<String, Tensor> tensors = tensors(inputs, entry.model().metadata());
        int rows = tensors.values().iterator().next().shape().dim(0);
        return entry.infer(tensors, rows, deadline).thenApply(out -> tensorResponse(head, out, wanted));
    }

    /** One input tensor of a request, its data flattened. */
    private record Input(String name, String datatype, int[] shape, List<JsonNode> data) {
    }

    private static List<Input> inputs(JsonNode array) {
        if (array.isEmpty()) {
            throw HttpError.badRequest("'inputs' must hold at least one tensor");
        }
        List<Input> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode t = array.get(i);
            String where = "inputs[" + i + "]";
            if (!t.isObject()) {
                throw HttpError.badRequest(where + " must be an object but was " + JsonRequests.kind(t));
            }
            JsonRequests.allowOnly(t, where, INPUT_FIELDS);
            String name = require(JsonRequests.string(t, "name"), where + ".name");
            String datatype = require(JsonRequests.string(t, "datatype"), where + ".datatype");
            if (!names.add(name)) {
                throw HttpError.badRequest("the input '" + name + "' is given twice");
            }
            int[] shape = shape(JsonRequests.array(t, "shape"), where);
            List<JsonNode> data = new ArrayList<>();
            flatten(JsonRequests.array(t, "data"), data, shape.length, where);
            long expected = elements(shape, where);
            if (data.size() != expected) {
                throw HttpError.badRequest(where + " ('" + name + "') has shape " + java.util.Arrays.toString(shape)
                        + " (" + expected + " values) but " + data.size() + " values");
            }
            out.add(new Input(name, datatype, shape, data));
        }
        return out;
    }

    private static String require(String value, String field) {
        if (value == null) {
            throw HttpError.badRequest("'" + field + "' is required");
        }
        return value;
    }

    private static int[] shape(JsonNode array, String where) {
        if (array.isEmpty() || array.size() > 8) {
            throw HttpError.badRequest(where + ".shape must have 1 to 8 dimensions but had " + array.size());
        }
        int[] shape = new int[array.size()];
        for (int d = 0; d < shape.length; d++) {
            JsonNode v = array.get(d);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                throw HttpError.badRequest(where + ".shape[" + d + "] must be a positive integer but was " + v);
            }
            shape[d] = v.intValue();
        }
        return shape;
    }

    private static long elements(int[] shape, String where) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new HttpError(413, where + " has more than " + MAX_ELEMENTS + " elements");
            }
        }
        return n;
    }

    /** Flat data as is, or nested arrays (row-major) at most {@code rank} deep. */
    private static void flatten(JsonNode node, List<JsonNode> into, int depth, String where) {
        for (JsonNode v : node) {
            if (v.isArray()) {
                if (depth <= 1) {
                    throw HttpError.badRequest(where + ".data is nested deeper than its shape");
                }
                flatten(v, into, depth - 1, where);
            } else {
                into.add(v);
            }
        }
    }

    private static Set<String> outputs(JsonNode body, ModelMetadata meta) {
        Set<String> all = new LinkedHashSet<>();
        meta.outputs().forEach(s -> all.add(s.name()));
        JsonNode requested = body.get("outputs");
        if (requested == null || requested.isNull()) {
            return all;
        }
        if (!requested.isArray()) {
            throw HttpError.badRequest("'outputs' must be an array but was " + JsonRequests.kind(requested));
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (JsonNode o : requested) {
            String name = o.isObject() ? JsonRequests.string(o, "name") : null;
            if (name == null || !all.contains(name)) {
                throw HttpError.badRequest("'outputs' asks for " + o + "; the model's outputs are " + all);
            }
            wanted.add(name);
        }
        return wanted;
    }

    private static TranslateOptions textOptions(JsonNode params) {
        if (params == null) {
            return TranslateOptions.greedy();
        }
        int beam = JsonRequests.integer(params, "beam", 1, 1, TranslateOptions.MAX_BEAM);
        int nBest = JsonRequests.integer(params, "n_best", 1, 1, beam);
        return new TranslateOptions(beam, nBest, false);
    }

    private List<String> texts(List<Input> inputs) {
        Input in = inputs.get(0);
        if (inputs.size() != 1 || !in.name().equals(ModelMetadata.TEXT_INPUT)) {
            throw HttpError.badRequest("a text model takes one input, 'text' (BYTES, shape [n]), but got "
                    + inputs.stream().map(Input::name).toList());
        }
        if (!in.datatype().equals(TensorSpec.BYTES)) {
            throw HttpError.badRequest("the input 'text' must have datatype BYTES but had " + in.datatype());
        }
        if (in.shape().length > 2 || (in.shape().length == 2 && in.shape()[1] != 1)) {
            throw HttpError.badRequest("the input 'text' must have shape [n] or [n, 1] but had "
                    + java.util.Arrays.toString(in.shape()));
        }
        return JsonRequests.texts(in.data(), "text", options.maxTexts(), options.maxTextLength());
    }

    private static Map<String, Tensor> tensors(List<Input> inputs, ModelMetadata meta) {
        Map<String, Input> byName = new LinkedHashMap<>();
        inputs.forEach(i -> byName.put(i.name(), i));
        Map<String, Tensor> out = new LinkedHashMap<>();
        int rows = -1;
        for (TensorSpec spec : meta.inputs()) {
            Input in = byName.remove(spec.name());
            if (in == null) {
                throw HttpError.badRequest("the input '" + spec.name() + "' is missing; the model takes "
                        + meta.inputs());
            }
            int[] want = spec.shape();
            boolean fits = want.length == in.shape().length;
            for (int d = 0; fits && d < want.length; d++) {
                fits = want[d] < 0 || want[d] == in.shape()[d];
            }
            if (!fits) {
                throw HttpError.badRequest("the input '" + spec.name() + "' must have shape "
                        + java.util.Arrays.toString(want)
                        + " (-1: any size) but had " + java.util.Arrays.toString(in.shape()));
            }
            if (rows >= 0 && in.shape()[0] != rows) {
                throw HttpError.badRequest("every input must have the same batch size; '" + spec.name() + "' has "
                        + in.shape()[0] + " rows, an earlier one " + rows);
            }
            rows = in.shape()[0];
            out.put(spec.name(), Tensor.of(numbers(in), Shape.of(in.shape())));
        }
        if (!byName.isEmpty()) {
            throw HttpError.badRequest("the model has no inputs " + byName.keySet() + "; it takes " + meta.inputs());
        }
        return out;
    }

    private static float[] numbers(Input in) {
        if (!NUMERIC.contains(in.datatype())) {
            throw HttpError.badRequest("the input '" + in.name() + "' has datatype " + in.datatype()
                    + "; a tensor model takes numbers (" + NUMERIC + ")");
        }
        boolean bool = in.datatype().equals("BOOL");
        float[] x = new float[in.data().size()];
        for (int i = 0; i < x.length; i++) {
            JsonNode v = in.data().get(i);
            if (bool ? !v.isBoolean() : !v.isNumber()) {
                throw HttpError.badRequest("the input '" + in.name() + "' value " + i + " must be "
                        + (bool ? "true or false" : "a number") + " but was " + v);
            }
            x[i] = bool ? (v.booleanValue() ? 1f : 0f) : v.floatValue();
            if (!Float.isFinite(x[i])) {
                throw HttpError.badRequest("the input '" + in.name() + "' value " + i + " (" + v
                        + ") is not a finite float32");
            }
        }
        return x;
    }

    private static ObjectNode textResponse(ObjectNode head, List<TextResult> results, int nBest, Set<String> wanted) {
        ArrayNode outputs = head.putArray("outputs");
        int n = results.size();
        ArrayNode shape = JsonRequests.MAPPER.createArrayNode().add(n);
        if (nBest > 1) {
            shape.add(nBest);
        }
        if (wanted.contains(ModelMetadata.TRANSLATION_OUTPUT)) {
            ArrayNode data = output(outputs, ModelMetadata.TRANSLATION_OUTPUT, TensorSpec.BYTES, shape);
            for (TextResult r : results) {
                for (int k = 0; k < nBest; k++) {
                    data.add(k < r.nBest().size() ? r.nBest().get(k).text() : "");
                }
            }
        }
        if (wanted.contains(ModelMetadata.SCORE_OUTPUT)) {
            ArrayNode data = output(outputs, ModelMetadata.SCORE_OUTPUT, TensorSpec.FP32, shape);
            for (TextResult r : results) {
                for (int k = 0; k < nBest; k++) {
                    if (k < r.nBest().size()) {
                        data.add((float) r.nBest().get(k).score());
                    } else {
                        data.addNull();
                    }
                }
            }
        }
        return head;
    }

    private static ArrayNode output(ArrayNode outputs, String name, String datatype, ArrayNode shape) {
        ObjectNode o = outputs.addObject().put("name", name).put("datatype", datatype);
        o.set("shape", shape.deepCopy());
        return o.putArray("data");
    }

    private static ObjectNode tensorResponse(ObjectNode head, Map<String, Tensor> out, Set<String> wanted) {
        ArrayNode outputs = head.putArray("outputs");
        for (Map.Entry<String, Tensor> e : out.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                continue;
            }
            ArrayNode shape = JsonRequests.MAPPER.createArrayNode();
            for (int d : e.getValue().shape().dims()) {
                shape.add(d);
            }
            ArrayNode data = output(outputs, e.getKey(), TensorSpec.FP32, shape);
            for (float v : e.getValue().data()) {
                data.add(v);
            }
        }
        return head;
    }
}
