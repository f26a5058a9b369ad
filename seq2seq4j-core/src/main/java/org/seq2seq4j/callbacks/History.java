package org.seq2seq4j.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns: the value of each metric at the end of every epoch.
 *
 * <pre>{@code
 * History h = model.fit(x, y, new FitOptions().epochs(3));
 * List<Double> losses = h.get("loss");             // three values, one per epoch
 * }</pre>
 */
public final class History implements Callback {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** The per-epoch values of a metric (empty when it was never logged). */
    public List<Double> get(String metric) {
        return Collections.unmodifiableList(values.getOrDefault(metric, List.of()));
    }

    /** Every metric and its per-epoch values. */
    public Map<String, List<Double>> history() {
        return Collections.unmodifiableMap(values);
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
