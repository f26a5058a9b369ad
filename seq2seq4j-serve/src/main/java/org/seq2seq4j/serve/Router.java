package org.seq2seq4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;

/**
 * Every request goes through here: the API key, the route (method and path), the endpoint, and the
 * reply or the error as {@code {"error": ...}} with its status, counted in the metrics. Endpoints
 * that wait for a model return at once and the reply is sent when the model has run, from the
 * request threads, so a request thread never waits for a batch.
 */
final class Router implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    private final ServerOptions options;
    private final ModelRepository models;
    private final ServerMetrics metrics;
    private final ApiKey apiKey;
    private final Executor executor;
    private final BooleanSupplier draining;
    private final InferenceProtocol protocol;
    private final TranslateEndpoint translate;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    Router(ServerOptions options, ModelRepository models, ServerMetrics metrics, Executor executor,
            BooleanSupplier draining) {
        this.options = options;
        this.models = models;
        this.metrics = metrics;
        this.apiKey = options.apiKey() == null ? null : new ApiKey(options.apiKey());
        this.executor = executor;
        this.draining = draining;
        this.protocol = new InferenceProtocol(options);
        this.translate = new TranslateEndpoint(options, models);
    }

    @Override
    public void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        Call call = new Call(exchange);
        CompletableFuture<Reply> reply;
        try {
            reply = route(call);
        } catch (Throwable e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (reply.isDone()) {
            finish(call, reply);
        } else {
            CompletableFuture<Reply> r = reply;
            reply.whenCompleteAsync((ok, e) -> finish(call, r), executor);
        }
    }

    private void finish(Call call, CompletableFuture<Reply> future) {
        Reply reply;
        try {
            reply = future.get();
        } catch (ExecutionException | CompletionException e) {
            reply = error(call, e.getCause());
        } catch (Throwable e) {
            reply = error(call, e);
        }
        metrics.request(call.endpoint(), call.model(), reply.status(), (System.nanoTime() - call.started()) / 1e9);
        try {
            call.send(reply);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Waits until no request is being handled, at most until {@code untilMillis}; whether none is. */
    boolean awaitIdle(long untilMillis) {
        while (inFlight.get() > 0 && System.currentTimeMillis() < untilMillis) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inFlight.get() == 0;
    }

    private Reply error(Call call, Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof HttpError h) {
            return new Reply(h.status(), Reply.JSON, JsonRequests.error(h.getMessage()), h.headers());
        }
        if (e instanceof RejectedExecutionException) {
            return new Reply(503, Reply.JSON, JsonRequests.error(e.getMessage() + "; try again later"),
                    Map.of("Retry-After", "1"));
        }
        if (e instanceof TimeoutException) {
            return Reply.json(504, JsonRequests.error("the request's deadline passed before the model answered"));
        }
        if (e instanceof Seq2SeqException) {
            return Reply.json(400, JsonRequests.error(e.getMessage()));
        }
        LOG.log(System.Logger.Level.ERROR, "request " + call.requestId() + " " + call.method() + " " + call.endpoint()
                + " failed", e);
        return Reply.json(500, JsonRequests.error("internal error (request id " + call.requestId() + ")"));
    }

    private CompletableFuture<Reply> route(Call call) {
        String[] p = segments(call.path());
        String method = call.method().toUpperCase(Locale.ROOT);
        if (p.length == 0) {
            call.label("/", "");
            get(method);
            return done(StaticPage.index());
        }
        switch (p[0]) {
            case "page":
                call.label("/page", "");
                get(method);
                return done(StaticPage.asset(p.length == 2 ? p[1] : ""));
            case "metrics":
                call.label("/metrics", "");
                check(call, p, 1);
                authorize(call);
                get(method);
                return done(Reply.text(200, ServerMetrics.contentType(), metrics.scrape()));
            case "v1":
                return v1(call, p, method);
            case "v2":
                return v2(call, p, method);
            default:
                throw noEndpoint(call);
        }
    }

    private CompletableFuture<Reply> v1(Call call, String[] p, String method) {
        if (p.length == 2 && p[1].equals("models")) {
            call.label("/v1/models", "");
            authorize(call);
            get(method);
            ObjectNode out = JsonRequests.MAPPER.createObjectNode();
            ArrayNode list = out.putArray("models");
            for (ModelEntry e : models.entries()) {
                list.addObject().put("name", e.name())
                        .put("kind", e.model().metadata().kind().name().toLowerCase(Locale.ROOT));
            }
            return done(json(out));
        }
        if (p.length == 2 && p[1].equals("translate")) {
            call.label("/v1/translate", "");
            authorize(call);
            post(method);
            ObjectNode body = JsonRequests.object(call.body(options.maxBody()));
            ModelEntry entry = translate.model(body);
            call.label("/v1/translate", entry.name());
            return translate.translate(entry, body, deadline(call)).thenApply(Router::json);
        }
        throw noEndpoint(call);
    }

    private CompletableFuture<Reply> v2(Call call, String[] p, String method) {
        if (p.length == 1) {
            call.label("/v2", "");
            authorize(call);
            get(method);
            ObjectNode out = JsonRequests.MAPPER.createObjectNode().put("name", "seq2seq4j").put("version",
                    Seq2Seq4j.version());
            out.putArray("extensions").add("model_repository");
            return done(json(out));
        }
        if (p[1].equals("health") && p.length == 3 && (p[2].equals("live") || p[2].equals("ready"))) {
            call.label("/v2/health/" + p[2], "");
            get(method);
            boolean ready = p[2].equals("live") || !draining.getAsBoolean();
            return done(json(JsonRequests.MAPPER.createObjectNode().put(p[2], ready), ready ? 200 : 503));
        }
        if (p[1].equals("models") && p.length >= 3) {
            return model(call, p, method);
        }
        if (p[1].equals("repository")) {
            return repository(call, p, method);
        }
        call.label("other", "");
        throw noEndpoint(call);
    }

    /** {@code /v2/models/{name}[/versions/1][/ready|/infer]}. */
    private CompletableFuture<Reply> model(Call call, String[] p, String method) {
        int rest = 3;
        if (p.length >= 5 && p[3].equals("versions")) {
            if (!p[4].equals(InferenceProtocol.VERSION)) {
                call.label("/v2/models/{name}/versions/{version}", "");
                throw HttpError.notFound("model versions: only version " + InferenceProtocol.VERSION + " is served");
            }
            rest = 5;
        }
        String action = p.length == rest ? "" : p.length == rest + 1 ? p[rest] : "?";
        String template = "/v2/models/{name}" + (action.isEmpty() ? "" : "/" + action);
        if (!action.isEmpty() && !action.equals("ready") && !action.equals("infer")) {
            call.label("other", "");
            throw noEndpoint(call);
        }
        call.label(template, "");
        authorize(call);
        ModelEntry entry = models.get(p[2]);
        call.label(template, entry.name());
        switch (action) {
            case "":
                get(method);
                return done(json(InferenceProtocol.metadata(entry)));
            case "ready":
                get(method);
                boolean ready = !draining.getAsBoolean();
                return done(json(JsonRequests.MAPPER.createObjectNode().put("name", entry.name()).put("ready", ready),
                        ready ? 200 : 503));
            default:
                post(method);
                ObjectNode body = JsonRequests.object(call.body(options.maxBody()));
                return protocol.infer(entry, body, deadline(call)).thenApply(Router::json);
        }
    }

    /** {@code POST /v2/repository/index} and {@code POST /v2/repository/models/{name}/load}. */
    private CompletableFuture<Reply> repository(Call call, String[] p, String method) {
        if (p.length == 3 && p[2].equals("index")) {
            call.label("/v2/repository/index", "");
            authorize(call);
            post(method);
            ArrayNode out = JsonRequests.MAPPER.createArrayNode();
            for (ModelEntry e : models.entries()) {
                out.addObject().put("name", e.name()).put("version", InferenceProtocol.VERSION).put("state", "READY");
            }
            return done(json(out));
        }
        if (p.length == 5 && p[2].equals("models") && p[4].equals("load")) {
            call.label("/v2/repository/models/{name}/load", "");
            authorize(call);
            post(method);
            ModelEntry entry = models.get(p[3]);
            call.label("/v2/repository/models/{name}/load", entry.name());
            return CompletableFuture.supplyAsync(() -> {
                double seconds = entry.reload();
                return json(JsonRequests.MAPPER.createObjectNode().put("name", entry.name())
                        .put("load_seconds", seconds));
            }, executor);
        }
        call.label("other", "");
        throw noEndpoint(call);
    }

    private void authorize(Call call) {
        if (apiKey != null && !apiKey.accepts(call.header("Authorization"), call.header("X-API-Key"))) {
            throw new HttpError(401,
                    "this server needs an API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
    }

    private static void get(String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpError(405, "this endpoint answers GET, not " + clip(method), Map.of("Allow", "GET, HEAD"));
        }
    }

    private static void post(String method) {
        if (!method.equals("POST")) {
            throw new HttpError(405, "this endpoint answers POST, not " + clip(method), Map.of("Allow", "POST"));
        }
    }

    private static void check(Call call, String[] p, int length) {
        if (p.length != length) {
            throw noEndpoint(call);
        }
    }

    /** The request's deadline: the server's timeout, or less when the client asks with {@code X-Timeout-Ms}. */
    private long deadline(Call call) {
        long ms = options.timeoutMs();
        String asked = call.header("X-Timeout-Ms");
        if (asked != null) {
            try {
                ms = Math.min(ms, Long.parseLong(asked.trim()));
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("X-Timeout-Ms must be a number of milliseconds but was '" + clip(asked)
                        + "'");
            }
            if (ms < 1) {
                throw HttpError.badRequest("X-Timeout-Ms must be at least 1 but was " + clip(asked));
            }
        }
        return call.started() + ms * 1_000_000L;
    }

    private static HttpError noEndpoint(Call call) {
        return HttpError.notFound("no endpoint " + clip(call.path()));
    }

    private static String[] segments(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return new String[0];
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.split("/", -1);
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }

    private static Reply json(com.fasterxml.jackson.databind.JsonNode node) {
        return json(node, 200);
    }

    private static Reply json(com.fasterxml.jackson.databind.JsonNode node, int status) {
        return Reply.json(status, JsonRequests.bytes(node));
    }

    private static String clip(String s) {
        String t = s.length() <= 80 ? s : s.substring(0, 80) + "...";
        StringBuilder b = new StringBuilder();
        t.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
