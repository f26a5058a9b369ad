package org.seq2seq4j.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.seq2seq4j.Seq2SeqException;

/**
 * An HTTP model server: the Open Inference Protocol v2 ({@code /v2/...}, as KServe, Triton and
 * Seldon clients speak it), {@code POST /v1/translate}, Prometheus metrics at {@code /metrics} and a
 * page at {@code /} to try a text model and see its attention. Concurrent requests to one model are
 * joined into batches ({@link ServerOptions#maxBatch}); see {@link Batcher}.
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver}: no dependency, maintained with the JDK,
 * and enough for a model server once its limits are handled here: body sizes are checked by the
 * server (413), not the library; a request thread never waits for a model (replies are sent when the
 * batch is done), so {@code threads} only bounds parsing and writing; the time to read a request's
 * headers is capped ({@code sun.net.httpserver.maxReqTime}, 30 s unless set) and so are their number
 * and size (the JDK's {@code maxReqHeaders} and {@code maxReqHeaderSize}); it speaks HTTP/1.1 only,
 * which every inference client does; and its sockets get TCP_NODELAY ({@code sun.net.httpserver.nodelay},
 * unless set), without which a reply written as headers then body waits ~40 ms for a delayed ACK.
 *
 * <pre>{@code
 * ModelServer server = ModelServer.builder(new ServerOptions().port(0))
 *         .model("toy", textModel)                       // in memory
 *         .model("dates", Path.of("dates.keras"))        // from a file, reloadable
 *         .start();
 * URI page = server.uri();                               // http://127.0.0.1:PORT/
 * server.close();                                        // drains requests in flight
 * }</pre>
 */
public final class ModelServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ModelServer.class.getName());

    static {
        // read once by the JDK server when its first instance is made; a user's own settings win
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");   // else Nagle + delayed ACK add ~40 ms
        }
    }

    private final ServerOptions options;
    private final ModelRepository models;
    private final ServerMetrics metrics;
    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final Router router;
    private final ScheduledExecutorService watcher;
    private volatile boolean draining;
    private boolean closed;

    private ModelServer(ServerOptions options, ModelRepository models, ServerMetrics metrics) throws IOException {
        this.options = options;
        this.models = models;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "seq2seq4j-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        this.router = new Router(options, models, metrics, executor, () -> draining);
        http.createContext("/", router);
        http.setExecutor(executor);
        this.watcher = options.watch() ? watch() : null;
        http.start();
        LOG.log(System.Logger.Level.INFO, "serving " + models.names() + " at " + uri());
    }

    /** A builder for a server with these options. */
    public static Builder builder(ServerOptions options) {
        return new Builder(options);
    }

    /** The port the server listens on (the one chosen when the options asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The server's base address, {@code http://host:port/}. */
    public java.net.URI uri() {
        String host = http.getAddress().getAddress().getHostAddress();
        return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** The names of the served models. */
    public List<String> models() {
        return models.names();
    }

    /** Reloads the model's file now (as {@code POST /v2/repository/models/{name}/load}); seconds it took. */
    public double reload(String name) {
        try {
            return models.get(name).reload();
        } catch (HttpError e) {
            throw org.seq2seq4j.ConfigException.argument("reload", "model", "one of " + models.names(), name);
        }
    }

    /** The requests waiting in the model's queues (not those running). */
    int depth(String name) {
        return models.get(name).depth();
    }

    private ScheduledExecutorService watch() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "seq2seq4j-watch");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            for (ModelEntry e : models.entries()) {
                if (e.fileChanged()) {
                    try {
                        e.reload();
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "model '" + e.name() + "' was not reloaded from "
                                + e.file() + " (the old one is still served): " + ex.getMessage());
                    }
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    /**
     * Graceful shutdown: readiness turns false, new requests get 503, queued and running ones finish
     * (at most {@link ServerOptions#drainSeconds} in all), then the port is closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        long until = System.currentTimeMillis() + options.drainSeconds() * 1000L;
        if (watcher != null) {
            watcher.shutdownNow();
        }
        for (ModelEntry e : models.entries()) {
            if (!e.close(Math.max(1, until - System.currentTimeMillis()))) {
                LOG.log(System.Logger.Level.WARNING, "model '" + e.name()
                        + "' still had requests when the drain time ran out");
            }
        }
        router.awaitIdle(until);                        // the replies of the drained batches are being written
        http.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(Math.max(1, until - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "server at port " + port() + " stopped");
    }

    /** Names the models and starts the server. */
    public static final class Builder {
        private final ServerOptions options;
        private final Map<String, Object> sources = new LinkedHashMap<>();
        private ModelLoader loader = ServedModels::load;

        private Builder(ServerOptions options) {
            this.options = options;
        }

        /** Serves {@code model} as {@code name} (it cannot be reloaded: it has no file). */
        public Builder model(String name, ServedModel model) {
            return add(name, model);
        }

        /** Serves the model in {@code file} as {@code name}; it is loaded by {@link #start}. */
        public Builder model(String name, Path file) {
            return add(name, file);
        }

        /** Serves the model in {@code file} under its file name without the extension. */
        public Builder model(Path file) {
            return add(ServedModels.defaultName(file), file);
        }

        /** How files become models (default {@link ServedModels#load}). */
        public Builder loader(ModelLoader loader) {
            this.loader = loader;
            return this;
        }

        private Builder add(String name, Object source) {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                throw org.seq2seq4j.ConfigException.argument("serve", "model name", "letters, digits, '.', '_' or '-' "
                        + "(at most 128, starting with a letter or digit)", name);
            }
            if (sources.putIfAbsent(name, source) != null) {
                throw org.seq2seq4j.ConfigException.argument("serve", "model name", "a name not used by another model "
                        + "(give --name)", name);
            }
            return this;
        }

        /** Loads every model file, then listens; a file that does not load stops the start with its error. */
        public ModelServer start() {
            if (sources.isEmpty()) {
                throw org.seq2seq4j.ConfigException.argument("serve", "models", "at least one model", "none");
            }
            ModelRepository repo = new ModelRepository();
            ServerMetrics metrics = new ServerMetrics(() -> repo.names().iterator(), name -> repo.get(name).depth());
            List<ModelEntry> started = new ArrayList<>();
            try {
                for (Map.Entry<String, Object> s : sources.entrySet()) {
                    ModelEntry e = s.getValue() instanceof Path p
                            ? new ModelEntry(s.getKey(), p, null, loader, options, metrics)
                            : new ModelEntry(s.getKey(), null, (ServedModel) s.getValue(), loader, options, metrics);
                    started.add(e);
                    repo.add(e);
                }
                return new ModelServer(options, repo, metrics);
            } catch (IOException e) {
                started.forEach(m -> m.close(1000));
                throw new Seq2SeqException("cannot listen on " + options.host() + ":" + options.port() + ": "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                started.forEach(m -> m.close(1000));
                throw e;
            }
        }
    }
}
