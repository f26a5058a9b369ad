package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching through the server: queued requests are joined up to --max-batch, only requests
 * with the same decoding options join, a lone request is dispatched at once (not after
 * --max-delay-ms), a failing request in a batch fails alone, and concurrent requests to the real
 * model get the answers they get alone.
 */
class BatchingTest {
    private static final Reverser MODEL = new Reverser();
    private static final Reverser LONE = new Reverser();
    private static ModelServer server;
    private static ModelServer patient;
    private static Http http;
    private static ExecutorService clients;

    @BeforeAll
    static void start() {
        server = ModelServer.builder(new ServerOptions().port(0).maxBatch(8).maxDelayMs(20)).model("rev", MODEL)
                .model("toy", ToyModel.get()).start();
        patient = ModelServer.builder(new ServerOptions().port(0).maxDelayMs(5000)).model("rev", LONE).start();
        http = new Http(server.uri());
        clients = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        server.close();
        patient.close();
    }

    private static CompletableFuture<Http.Response> translate(String body) {
        return CompletableFuture.supplyAsync(() -> http.post("/v1/translate", body), clients);
    }

    /** One request blocks the model; {@code bodies} queue behind it, in order; then the model is let go. */
    private static List<Http.Response> behindABlockedCall(List<String> bodies) throws Exception {
        MODEL.gate.drainPermits();
        MODEL.batches.clear();
        List<CompletableFuture<Http.Response>> all = new ArrayList<>();
        try {
            all.add(translate("{\"model\":\"rev\",\"texts\":[\"first\"]}"));
            ErrorStatusTest.awaitCalled(MODEL);
            for (int i = 0; i < bodies.size(); i++) {
                all.add(translate(bodies.get(i)));
                ErrorStatusTest.awaitQueued(server, "rev", i + 1);      // queued in this order
            }
        } finally {
            MODEL.gate.release(100_000);
        }
        List<Http.Response> out = new ArrayList<>();
        for (CompletableFuture<Http.Response> f : all) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void queuedRequestsAreJoinedUpToMaxBatch() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add("{\"model\":\"rev\",\"texts\":[\"w" + i + "\"]}");
        }
        List<Http.Response> out = behindABlockedCall(bodies);
        assertEquals(List.of(1, 8, 2), MODEL.batches);
        for (int i = 0; i < 10; i++) {
            assertEquals(i + "w", out.get(i + 1).json().get("translations").get(0).textValue());
        }
    }

    @Test
    void onlyRequestsWithTheSameOptionsJoin() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bodies.add("{\"model\":\"rev\",\"texts\":[\"x" + i + "\"],\"beam\":" + (1 + i % 2) + "}");
        }
        List<Http.Response> out = behindABlockedCall(bodies);
        assertEquals(List.of(1, 4, 4), MODEL.batches);
        out.forEach(r -> assertEquals(200, r.status()));
    }

    @Test
    void aRequestOfSeveralTextsCountsEachText() throws Exception {
        List<String> bodies = List.of("{\"model\":\"rev\",\"texts\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
                "{\"model\":\"rev\",\"texts\":[\"f\",\"g\",\"h\"]}", "{\"model\":\"rev\",\"texts\":[\"i\",\"j\"]}");
        behindABlockedCall(bodies);
        assertEquals(List.of(1, 8, 2), MODEL.batches, "5 + 3 fill a batch of 8; 2 do not fit");
    }

    @Test
    void aBadRequestInABatchFailsAlone() throws Exception {
        List<String> bodies = List.of("{\"model\":\"rev\",\"texts\":[\"ok1\"]}",
                "{\"model\":\"rev\",\"texts\":[\"b#d\"]}",
                "{\"model\":\"rev\",\"texts\":[\"ok2\"]}");
        List<Http.Response> out = behindABlockedCall(bodies);
        assertEquals(List.of(1, 3, 1, 1, 1), MODEL.batches, "the joined call failed, then each ran alone");
        assertEquals("1ko", out.get(1).json().get("translations").get(0).textValue());
        assertEquals(400, out.get(2).status());
        assertEquals("2ko", out.get(3).json().get("translations").get(0).textValue());
    }

    @Test
    void aLoneRequestIsDispatchedAtOnce() {
        Http lone = new Http(patient.uri());
        lone.post("/v1/translate", "{\"texts\":[\"warm\"]}");
        long t0 = System.nanoTime();
        Http.Response r = lone.post("/v1/translate", "{\"texts\":[\"up\"]}");
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals("pu", r.json().get("translations").get(0).textValue());
        assertTrue(ms < 2500, "answered in " + ms + " ms, not after --max-delay-ms 5000");
    }

    @Test
    void concurrentRequestsToTheRealModelGetTheirOwnAnswers() throws Exception {
        List<String> words = List.of("abc", "fed", "cafe", "beef", "decaf", "faded", "bedded", "facade", "ace", "dab");
        List<CompletableFuture<Http.Response>> all = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (String w : words) {
                all.add(translate("{\"model\":\"toy\",\"texts\":[\"" + w + "\"],\"beam\":2}"));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            String w = words.get(i % words.size());
            Http.Response r = all.get(i).get();
            assertEquals(200, r.status(), r.body());
            assertEquals(new StringBuilder(w).reverse().toString(), r.json().get("translations").get(0).textValue(), w);
        }
    }
}
