package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown: once close() starts, readiness fails and new requests get 503, while the
 * requests running and queued are answered; then the port is closed.
 */
class ShutdownTest {
    @Test
    void closeDrainsRequestsInFlight() throws Exception {
        Reverser model = new Reverser();
        ModelServer server = ModelServer.builder(new ServerOptions().port(0).maxBatch(1)).model("rev", model).start();
        Http http = new Http(server.uri());
        model.gate.drainPermits();
        List<CompletableFuture<Http.Response>> inFlight = new ArrayList<>();
        CompletableFuture<Void> closing;
        try {
            for (int i = 0; i < 3; i++) {
                String body = "{\"texts\":[\"r" + i + "\"]}";
                inFlight.add(CompletableFuture.supplyAsync(() -> http.post("/v1/translate", body)));
                if (i == 0) {
                    ErrorStatusTest.awaitCalled(model);
                }
            }
            ErrorStatusTest.awaitQueued(server, "rev", 2);
            closing = CompletableFuture.runAsync(server::close);
            long until = System.currentTimeMillis() + 10_000;
            while (http.get("/v2/health/ready").status() != 503 && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            assertEquals(503, http.get("/v2/health/ready").status());
            assertEquals(200, http.get("/v2/health/live").status());
            Http.Response late = http.post("/v1/translate", "{\"texts\":[\"late\"]}");
            assertEquals(503, late.status(), late.body());
        } finally {
            model.gate.release(1000);
        }
        for (int i = 0; i < 3; i++) {
            Http.Response r = inFlight.get(i).get();
            assertEquals(200, r.status(), r.body());
            assertEquals(i + "r", r.json().get("translations").get(0).textValue());
        }
        closing.get();
        assertThrows(UncheckedIOException.class, () -> http.get("/v2/health/live"), "the port is closed");
    }
}
