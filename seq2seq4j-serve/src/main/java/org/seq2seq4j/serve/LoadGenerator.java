package org.seq2seq4j.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seq2seq4j.ConfigException;

/**
 * A closed-loop load generator for the server: {@code clients} threads, each with its own HTTP/1.1
 * connection, send {@code POST /v1/translate} one after the other for a bounded time, one text per
 * request, cycling through the texts given; it reports throughput, latency percentiles and errors
 * (any status but 200, or no answer). It sends to the address given only, so point it at loopback.
 *
 * <pre>{@code
 * LoadGenerator.Result r = new LoadGenerator(URI.create("http://127.0.0.1:8080/"), "reverse",
 *         List.of("abc", "cafe"), null).run(8, Duration.ofSeconds(10));
 * System.out.println(r);        // 8 clients: 2,950.1 requests/s, p50 2.6 ms, p99 6.0 ms, 0 errors
 * }</pre>
 */
public final class LoadGenerator {
    private final URI translate;
    private final List<String> bodies = new ArrayList<>();
    private final String apiKey;

    /**
     * Sends to {@code server}'s /v1/translate for {@code model} (null: the only text model), with the
     * API key or null.
     */
    public LoadGenerator(URI server, String model, List<String> texts, String apiKey) {
        if (texts.isEmpty()) {
            throw ConfigException.argument("load test", "texts", "at least one text", 0);
        }
        this.translate = server.resolve("/v1/translate");
        for (String t : texts) {
            var body = JsonRequests.MAPPER.createObjectNode();
            if (model != null) {
                body.put("model", model);
            }
            body.putArray("texts").add(t);
            bodies.add(new String(JsonRequests.bytes(body), StandardCharsets.UTF_8));
        }
        this.apiKey = apiKey;
    }

    /**
     * The outcome of one setting.
     *
     * @param clients concurrent clients
     * @param requests requests answered (errors included)
     * @param errors requests that got no 200
     * @param seconds the measured time
     * @param p50 median latency, ms
     * @param p99 99th percentile latency, ms
     * @param firstError the first error seen, or null
     */
    public record Result(int clients, long requests, long errors, double seconds, double p50, double p99,
            String firstError) {
        public double throughput() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d clients: %,.1f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors%s",
                    clients, throughput(), p50, p99, errors, firstError == null ? "" : " (first: " + firstError + ")");
        }
    }

    /** Runs {@code clients} clients for {@code duration} (after a warm-up of a tenth of it, at most 2 s). */
    public Result run(int clients, Duration duration) throws InterruptedException {
        if (clients < 1 || duration.isNegative() || duration.isZero()) {
            throw ConfigException.argument("load test", "clients and duration", "at least 1 client and a positive time",
                    clients + ", " + duration);
        }
        long warm = Math.min(2_000_000_000L, duration.toNanos() / 10);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime() + warm;
            long end = start + duration.toNanos();
            List<Future<long[]>> runs = new ArrayList<>();
            String[] firstError = new String[1];
            for (int c = 0; c < clients; c++) {
                int offset = c;
                runs.add(pool.submit(() -> client(offset, start, end, firstError)));
            }
            long errors = 0;
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : runs) {
                try {
                    long[] r = f.get();
                    errors += r[0];
                    all.add(Arrays.copyOfRange(r, 1, r.length));
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a load client failed", e.getCause());
                }
            }
            long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(clients, latencies.length, errors, duration.toNanos() / 1e9, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), firstError[0]);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client's loop: {errors, latency ns...} of the requests sent between start and end. */
    private long[] client(int offset, long start, long end, String[] firstError) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long[] out = new long[1024];
        int n = 1;
        for (int i = offset; ; i++) {
            long t0 = System.nanoTime();
            if (t0 - end >= 0) {
                break;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(translate).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())));
            if (apiKey != null) {
                b.header("Authorization", "Bearer " + apiKey);
            }
            String error = null;
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    error = r.statusCode() + " " + r.body();
                }
            } catch (IOException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t0 - start < 0) {
                continue;                                // warming up
            }
            if (error != null) {
                out[0]++;
                synchronized (firstError) {
                    if (firstError[0] == null) {
                        firstError[0] = error.length() > 200 ? error.substring(0, 200) : error;
                    }
                }
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = System.nanoTime() - t0;
        }
        return Arrays.copyOf(out, n);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
