package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short version of the load test (scripts/serve-load-test.sh runs the long one): the trained
 * demo model behind the server with dynamic batching, 1 then 64 concurrent clients on loopback for
 * about 10 s in all, with no error. The figures are printed, not asserted: the clients share the
 * machine's cores with the server.
 */
class LoadTest {
    @Test
    void sixtyFourClientsGetNoError() throws Exception {
        List<String> words = List.of("abc", "fed", "cafe", "beef", "decaf", "faded", "bedded", "facade", "ace", "dab");
        try (ModelServer server = ModelServer.builder(new ServerOptions().port(0)).model("reverse", ToyModel.get())
                .start()) {
            LoadGenerator load = new LoadGenerator(server.uri(), "reverse", words, null);
            for (int clients : new int[] {1, 64}) {
                LoadGenerator.Result r = load.run(clients, Duration.ofSeconds(clients == 1 ? 3 : 6));
                System.out.println("load: " + r);
                assertEquals(0, r.errors(), r.toString());
                assertTrue(r.requests() > 0, r.toString());
            }
            String metrics = new Http(server.uri()).get("/metrics").body();
            System.out.println("load: batches " + ModelServerTest.count(metrics,
                    "seq2seq4j_batch_size_count\\{model=\"reverse\"\\}") + ", sentences "
                            + ModelServerTest.count(metrics,
                    "seq2seq4j_batch_size_sum\\{model=\"reverse\"\\}"));
        }
    }
}
