package org.seq2seq4j.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.ToIntFunction;

/**
 * The server's Prometheus metrics, in a registry of its own: requests and errors by endpoint, model
 * and status code, request latency, batch sizes and batch run time per model, queue depth, model
 * load time and load outcomes, and the JVM's own metrics (memory, GC, threads). Endpoints are
 * route templates ({@code /v2/models/{name}/infer}) and the model label is a served model's name or
 * empty, so clients cannot grow the label sets.
 *
 * <pre>{@code
 * ServerMetrics m = new ServerMetrics(List.of("toy"), name -> 0);
 * m.request("/v1/translate", "toy", 200, 0.004);
 * String text = m.scrape();                 // Prometheus text format
 * }</pre>
 */
final class ServerMetrics {
    private static final double[] LATENCY = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = register(Counter.builder().name("seq2seq4j_requests")
            .help("HTTP requests answered, by endpoint, model and status code").labelNames("endpoint", "model", "code")
            .build());
    private final Counter errors = register(Counter.builder().name("seq2seq4j_errors")
            .help("HTTP requests answered with a 4xx or 5xx status").labelNames("endpoint", "model", "code").build());
    private final Histogram latency = register(Histogram.builder().name("seq2seq4j_request_duration_seconds")
            .help("Time from a request's arrival to its response").labelNames("endpoint", "model")
            .classicOnly().classicUpperBounds(LATENCY).build());
    private final Histogram batchSize = register(Histogram.builder().name("seq2seq4j_batch_size")
            .help("Sentences (or tensor rows) per model call").labelNames("model").classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024).build());
    private final Gauge loadSeconds = register(Gauge.builder().name("seq2seq4j_model_load_seconds")
            .help("Time the last successful load of a model took").labelNames("model").build());
    private final Counter loads = register(Counter.builder().name("seq2seq4j_model_loads")
            .help("Model loads and reloads, by outcome").labelNames("model", "result").build());

    /** {@code queueDepth} gives, per served model name, the requests waiting in its queue. */
    ServerMetrics(Iterable<String> models, ToIntFunction<String> queueDepth) {
        registry.register(GaugeWithCallback.builder().name("seq2seq4j_queue_depth")
                .help("Requests waiting to be batched, per model").labelNames("model")
                .callback(cb -> models.forEach(m -> cb.call(queueDepth.applyAsInt(m), m))).build());
        JvmMetrics.builder().register(registry);
    }

    private <M extends io.prometheus.metrics.model.registry.Collector> M register(M metric) {
        registry.register(metric);
        return metric;
    }

    void request(String endpoint, String model, int status, double seconds) {
        String code = Integer.toString(status);
        requests.labelValues(endpoint, model, code).inc();
        if (status >= 400) {
            errors.labelValues(endpoint, model, code).inc();
        }
        latency.labelValues(endpoint, model).observe(seconds);
    }

    void batch(String model, int size) {
        batchSize.labelValues(model).observe(size);
    }

    void loaded(String model, double seconds) {
        loadSeconds.labelValues(model).set(seconds);
        loads.labelValues(model, "ok").inc();
    }

    void loadFailed(String model) {
        loads.labelValues(model, "failed").inc();
    }

    /** Every metric in the Prometheus text format (version 0.0.4). */
    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
