package org.seq2seq4j.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One HTTP exchange as the routes see it: method, path, headers, the body read within the size
 * limit, the request id (the client's {@code X-Request-Id} when it is a plain token, else a new
 * one), and the labels its metrics get. {@link #send} writes a reply once, with the request id and
 * the headers every response carries.
 */
final class Call {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final HttpExchange exchange;
    private final String requestId;
    private final long started = System.nanoTime();
    private String endpoint = "other";
    private String model = "";

    Call(HttpExchange exchange) {
        this.exchange = exchange;
        String given = exchange.getRequestHeaders().getFirst("X-Request-Id");
        this.requestId = given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The raw path (percent-escapes kept: a model name never needs them). */
    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    String requestId() {
        return requestId;
    }

    long started() {
        return started;
    }

    String endpoint() {
        return endpoint;
    }

    String model() {
        return model;
    }

    /** Labels this call's metrics (a route template, and a served model's name or ""). */
    void label(String endpoint, String model) {
        this.endpoint = endpoint;
        this.model = model;
    }

    /**
     * The body, at most {@code limit} bytes: a larger declared or actual body is a 413, a compressed
     * one a 415, a body that breaks off a 400.
     */
    byte[] body(long limit) {
        String encoding = header("Content-Encoding");
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new HttpError(415, "Content-Encoding '" + encoding
                    + "' is not supported; send the body uncompressed");
        }
        String length = header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length '" + length + "' is not a number");
            }
            if (declared > limit) {
                throw tooLarge(limit, declared + " bytes");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw tooLarge(limit, "more");
                }
            }
        } catch (IOException e) {
            throw HttpError.badRequest("the request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static HttpError tooLarge(long limit, String given) {
        return new HttpError(413, "the request body is limited to " + limit + " bytes (--max-body) but was " + given);
    }

    /** Sends the reply and ends the exchange; an I/O failure (the client went away) ends it quietly. */
    void send(Reply reply) {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", reply.contentType());
        h.set("X-Request-Id", requestId);
        h.set("X-Content-Type-Options", "nosniff");
        if (!h.containsKey("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
        for (Map.Entry<String, String> e : reply.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        boolean head = method().toUpperCase(Locale.ROOT).equals("HEAD");
        byte[] body = reply.body();
        try {
            exchange.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        } catch (IOException e) {
            System.getLogger(Call.class.getName()).log(System.Logger.Level.DEBUG,
                    "request " + requestId + ": the client went away: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }
}
