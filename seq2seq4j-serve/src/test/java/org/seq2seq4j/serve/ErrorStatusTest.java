package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error status over real HTTP, each with {@code {"error": ...}} and a request id: 400 for
 * malformed JSON and bad fields, 404 for an unknown model or endpoint, 405, 413 for a body too large
 * (declared or chunked), 415, 401 for a missing or wrong API key, 503 with Retry-After when a model's
 * queue is full, 504 when a request's deadline passes.
 */
class ErrorStatusTest {
    private static final Reverser SLOW = new Reverser();
    private static ModelServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ModelServer.builder(new ServerOptions().port(0).maxBody(4096).maxQueue(2).maxTexts(4)
                .maxTextLength(20).apiKey("k3y-s3cret")).model("rev", new Reverser()).model("slow", SLOW)
                .model("affine", KerasTensorModel.of(ModelServerTest.affine())).start();
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response post(String path, String body) {
        return http.post(path, body, "Authorization", "Bearer k3y-s3cret");
    }

    private static void assertError(int status, Http.Response r, String fragment) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.header("X-Request-Id"));
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        String error = r.json().get("error").textValue();
        assertTrue(error.contains(fragment), "'" + error + "' should say '" + fragment + "'");
    }

    @Test
    void malformedJsonAndBadFieldsAre400() {
        assertError(400, post("/v1/translate", "{\"texts\": [\"ab\""), "malformed JSON");
        assertError(400, post("/v1/translate", "{\"texts\": [\"ab\"]} trailing"), "malformed JSON");
        assertError(400, post("/v1/translate", "{\"texts\": [\"ab\"], \"texts\": [\"cd\"]}"), "malformed JSON");
        assertError(400, post("/v1/translate", "[1, 2]"), "must be a JSON object");
        assertError(400, post("/v1/translate", ""), "needs a JSON body");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":\"ab\"}"), "'texts' must be an array");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[]}"), "1 to 4 texts");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[1]}"), "texts[0] must be a string");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"  \"]}"), "texts[0] is empty");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"" + "a".repeat(21) + "\"]}"),
                "at most 20");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"],\"beam\":0}"), "'beam'");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"],\"beam\":2,\"n_best\":3}"),
                "'n_best' must be an integer in [1, 2]");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"],\"nbest\":2}"),
                "unknown fields [nbest]");
        assertError(400, post("/v1/translate", "{\"texts\":[\"ab\"]}"), "say which model");
        assertError(400, post("/v1/translate", "{\"model\":\"affine\",\"texts\":[\"ab\"]}"), "tensor model");
        assertError(400, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"a#b\"]}"), "no '#'");
        assertError(400, post("/v2/models/affine/infer", "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\","
                + "\"shape\":[1,4],\"data\":[1,2,3,4]}]}"), "must have shape [-1, 3]");
        assertError(400, post("/v2/models/affine/infer", "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\","
                + "\"shape\":[1,3],\"data\":[1,2]}]}"), "but 2 values");
        assertError(400, post("/v2/models/affine/infer", "{\"inputs\":[{\"name\":\"other\",\"datatype\":\"FP32\","
                + "\"shape\":[1,3],\"data\":[1,2,3]}]}"), "'features' is missing");
        assertError(400, post("/v2/models/affine/infer", "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BYTES\","
                + "\"shape\":[1,3],\"data\":[\"a\",\"b\",\"c\"]}]}"), "takes numbers");
        assertError(400, post("/v2/models/rev/infer", "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"FP32\","
                + "\"shape\":[1],\"data\":[1]}]}"), "datatype BYTES");
        assertError(400, http.post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"]}",
                "Authorization", "Bearer k3y-s3cret", "X-Timeout-Ms", "soon"), "X-Timeout-Ms");
    }

    @Test
    void unknownModelsAndEndpointsAre404AndWrongMethods405() {
        assertError(404, http.get("/v2/models/nope", "X-API-Key", "k3y-s3cret"), "no model 'nope'");
        assertError(404, post("/v2/models/nope/infer", "{}"), "this server has [rev, slow, affine]");
        assertError(404, post("/v2/repository/models/nope/load", ""), "no model 'nope'");
        assertError(404, post("/v1/translate", "{\"model\":\"nope\",\"texts\":[\"ab\"]}"), "no model 'nope'");
        assertError(404, http.get("/v3/anything"), "no endpoint");
        assertError(404, http.get("/v2/models/rev/versions/2", "X-API-Key", "k3y-s3cret"), "only version 1");
        Http.Response r = http.get("/v1/translate", "X-API-Key", "k3y-s3cret");
        assertError(405, r, "answers POST");
        assertEquals("POST", r.header("Allow"));
        assertError(405, http.send("DELETE", "/v2/health/live", new byte[0]), "answers GET");
    }

    @Test
    void bodiesTooLargeAre413AndCompressedOnes415() throws Exception {
        String big = "{\"model\":\"rev\",\"texts\":[\"" + "a".repeat(5000) + "\"]}";
        assertError(413, post("/v1/translate", big), "limited to 4096 bytes");
        // the same body sent chunked, without a Content-Length
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/translate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k3y-s3cret\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = big.getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
        assertError(415, http.post("/v1/translate", new byte[] {31, -117, 8, 0}, "Authorization", "Bearer k3y-s3cret",
                "Content-Encoding", "gzip"), "not supported");
    }

    @Test
    void aMissingOrWrongKeyIs401AndHealthNeedsNone() {
        Http.Response none = http.post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"]}");
        assertError(401, none, "needs an API key");
        assertEquals("Bearer", none.header("WWW-Authenticate"));
        assertError(401, http.post("/v1/translate", "{}", "Authorization", "Bearer k3y-s3creT"), "needs an API key");
        assertError(401, http.get("/metrics", "X-API-Key", "k3y"), "needs an API key");
        assertError(401, http.get("/v2/models/rev"), "needs an API key");
        assertError(401, http.get("/v2/models/nope"), "needs an API key");  // no model names before the key
        assertEquals(200, http.get("/v2/health/ready").status());
        assertEquals(200, http.get("/").status());
        assertEquals(200, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"]}").status());
        assertEquals(200, http.get("/metrics", "X-API-Key", "k3y-s3cret").status());
    }

    @Test
    void aFullQueueIs503WithRetryAfterAndOthersStillWork() throws Exception {
        SLOW.gate.drainPermits();
        List<CompletableFuture<Http.Response>> waiting = new ArrayList<>();
        try {
            waiting.add(CompletableFuture.supplyAsync(() -> post("/v1/translate",
                    "{\"model\":\"slow\",\"texts\":[\"a\"]}")));
            awaitCalled(SLOW);      // the first is running (blocked in the model); two more fill the queue
            for (int i = 0; i < 2; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> post("/v1/translate",
                        "{\"model\":\"slow\",\"texts\":[\"b\"]}")));
            }
            awaitQueued(server, "slow", 2);
            Http.Response full = post("/v1/translate", "{\"model\":\"slow\",\"texts\":[\"c\"]}");
            assertError(503, full, "queue of this model is full (2 requests)");
            assertEquals("1", full.header("Retry-After"));
            assertEquals(200, post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\"]}").status(),
                    "other models serve");
        } finally {
            SLOW.gate.release(1000);
        }
        for (CompletableFuture<Http.Response> w : waiting) {
            assertEquals(200, w.get().status(), w.get().body());
        }
    }

    @Test
    void aPassedDeadlineIs504() {
        SLOW.gate.drainPermits();
        try {
            Http.Response late = http.post("/v1/translate", "{\"model\":\"slow\",\"texts\":[\"a\"]}",
                    "Authorization", "Bearer k3y-s3cret", "X-Timeout-Ms", "100");
            assertError(504, late, "deadline passed");
        } finally {
            SLOW.gate.release(1000);
        }
    }

    /** Waits until a call of the model waits at its gate. */
    static void awaitCalled(Reverser m) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (!m.gate.hasQueuedThreads() && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        assertTrue(m.gate.hasQueuedThreads(), "the model was called");
    }

    /** Waits until {@code n} requests wait in the model's queue. */
    static void awaitQueued(ModelServer server, String model, int n) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (server.depth(model) < n && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, server.depth(model), "requests queued");
    }
}
