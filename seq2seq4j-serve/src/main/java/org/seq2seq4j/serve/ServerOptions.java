package org.seq2seq4j.serve;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * The settings of a {@link ModelServer}, with the defaults of {@code bin/seq2seq4j serve}: listen on
 * {@code 127.0.0.1:8080} (port 0: any free port), {@code threads} request threads, batches of up to
 * {@code maxBatch} sentences (1: no batching) gathered for at most {@code maxDelayMs}, at most
 * {@code maxQueue} requests waiting per model, bodies of at most {@code maxBody} bytes, at most
 * {@code maxTexts} texts of {@code maxTextLength} characters per request, a deadline of
 * {@code timeoutMs} per request (a client may ask for less with the {@code X-Timeout-Ms} header),
 * an optional API key, {@code watch} (reload a model when its file changes) and {@code drainSeconds}
 * (how long a shutdown waits for requests in flight).
 *
 * <pre>{@code
 * ServerOptions o = new ServerOptions().port(0).maxBatch(16).maxDelayMs(2).apiKey("s3cret");
 * }</pre>
 */
public final class ServerOptions {
    private String host = "127.0.0.1";
    private int port = 8080;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private int maxBatch = 32;
    private int maxDelayMs = 5;
    private int maxQueue = 1000;
    private long maxBody = 1 << 20;
    private int maxTexts = 64;
    private int maxTextLength = 1000;
    private int timeoutMs = 30_000;
    private String apiKey;
    private boolean watch;
    private int drainSeconds = 30;

    public ServerOptions host(String host) {
        if (host == null || host.isBlank()) {
            throw ConfigException.argument("serve", "--host", "an address or host name", host);
        }
        this.host = host;
        return this;
    }

    public ServerOptions port(int port) {
        this.port = check("--port", port, 0, 65535);
        return this;
    }

    public ServerOptions threads(int threads) {
        this.threads = check("--threads", threads, 1, 1024);
        return this;
    }

    public ServerOptions maxBatch(int maxBatch) {
        this.maxBatch = check("--max-batch", maxBatch, 1, 4096);
        return this;
    }

    public ServerOptions maxDelayMs(int maxDelayMs) {
        this.maxDelayMs = check("--max-delay-ms", maxDelayMs, 0, 60_000);
        return this;
    }

    public ServerOptions maxQueue(int maxQueue) {
        this.maxQueue = check("--max-queue", maxQueue, 1, 1_000_000);
        return this;
    }

    public ServerOptions maxBody(long bytes) {
        if (bytes < 64 || bytes > Integer.MAX_VALUE - 8) {
            throw ConfigException.argument("serve", "--max-body", "64 bytes to 2 GB", bytes);
        }
        this.maxBody = bytes;
        return this;
    }

    public ServerOptions maxTexts(int maxTexts) {
        this.maxTexts = check("--max-texts", maxTexts, 1, 100_000);
        return this;
    }

    public ServerOptions maxTextLength(int chars) {
        this.maxTextLength = check("--max-text-length", chars, 1, 1_000_000);
        return this;
    }

    public ServerOptions timeoutMs(int timeoutMs) {
        this.timeoutMs = check("--timeout-ms", timeoutMs, 1, 3_600_000);
        return this;
    }

    /** The key clients must send ({@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}); null: none. */
    public ServerOptions apiKey(String key) {
        if (key != null && key.isBlank()) {
            throw ConfigException.argument("serve", "api key", "a non-empty key", "an empty one");
        }
        this.apiKey = key;
        return this;
    }

    public ServerOptions watch(boolean watch) {
        this.watch = watch;
        return this;
    }

    public ServerOptions drainSeconds(int seconds) {
        this.drainSeconds = check("--drain-seconds", seconds, 0, 3600);
        return this;
    }

    /**
     * Reads a size such as {@code 1MB}, {@code 512KB}, {@code 2M} or {@code 65536} (bytes; KB and MB
     * are 1024 and 1024²); a bad one is a {@link ConfigException} naming {@code option}.
     */
    public static long parseSize(String option, String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"MIB", "1048576"}, {"KIB", "1024"}, {"MB", "1048576"}, {"KB", "1024"},
                {"M", "1048576"}, {"K", "1024"}, {"B", "1"}}) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw ConfigException.argument("serve", option, "a size such as 1MB, 512KB or 65536", text);
        }
    }

    private static int check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw ConfigException.argument("serve", option, "an integer in [" + min + ", " + max + "]", value);
        }
        return value;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int threads() {
        return threads;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int maxDelayMs() {
        return maxDelayMs;
    }

    public int maxQueue() {
        return maxQueue;
    }

    public long maxBody() {
        return maxBody;
    }

    public int maxTexts() {
        return maxTexts;
    }

    public int maxTextLength() {
        return maxTextLength;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public String apiKey() {
        return apiKey;
    }

    public boolean watch() {
        return watch;
    }

    public int drainSeconds() {
        return drainSeconds;
    }
}
