package org.seq2seq4j.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Joins tensor requests along the batch axis for one model call, and splits the outputs back. */
final class TensorBatches {
    private TensorBatches() {
    }

    /** What requests must share to be joined: every input's name and shape past the batch axis. */
    static List<String> key(Map<String, Tensor> inputs) {
        List<String> key = new ArrayList<>();
        inputs.forEach((n, t) -> {
            int[] d = t.shape().dims();
            key.add(n + Arrays.toString(Arrays.copyOfRange(d, 1, d.length)));
        });
        key.sort(null);
        return key;
    }

    /** Runs the requests (same key) as one call; each request's outputs, in order. */
    static List<Map<String, Tensor>> run(TensorModel model, List<Map<String, Tensor>> requests) {
        if (requests.size() == 1) {
            return List.of(model.infer(requests.get(0)));
        }
        int[] rows = new int[requests.size()];
        Map<String, List<Tensor>> byName = new LinkedHashMap<>();
        for (int r = 0; r < rows.length; r++) {
            for (Map.Entry<String, Tensor> e : requests.get(r).entrySet()) {
                byName.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                rows[r] = e.getValue().shape().dim(0);
            }
        }
        Map<String, Tensor> joined = new LinkedHashMap<>();
        byName.forEach((n, parts) -> joined.put(n, concat(parts)));
        Map<String, Tensor> out = model.infer(joined);
        List<Map<String, Tensor>> split = new ArrayList<>();
        int from = 0;
        for (int n : rows) {
            Map<String, Tensor> part = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : out.entrySet()) {
                part.put(e.getKey(), rows(e.getKey(), e.getValue(), from, from + n, Arrays.stream(rows).sum()));
            }
            split.add(part);
            from += n;
        }
        return split;
    }

    private static Tensor concat(List<Tensor> parts) {
        int[] dims = parts.get(0).shape().dims();
        int total = 0;
        int size = 0;
        for (Tensor t : parts) {
            total += t.shape().dim(0);
            size += t.size();
        }
        float[] data = new float[size];
        int at = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.data(), 0, data, at, t.size());
            at += t.size();
        }
        dims[0] = total;
        return Tensor.of(data, Shape.of(dims));
    }

    private static Tensor rows(String name, Tensor t, int from, int to, int total) {
        if (t.rank() == 0 || t.shape().dim(0) != total) {
            throw new ShapeException("output '" + name + "'", "a batch axis of " + total + " rows", t.shape());
        }
        return t.slice(from, to);
    }
}
