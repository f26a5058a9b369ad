package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;

/**
 * A model file replaced on disk is reloaded under traffic without one failed request: by
 * {@code POST /v2/repository/models/{name}/load} and by --watch; a damaged file leaves the old model
 * served. The test's model files hold a version the reversing model appends to its answers.
 */
class ReloadTest {
    @TempDir
    Path dir;

    /** Reads a file holding a version tag; an empty file or one saying "broken" is damaged. */
    static ServedModel load(Path file) {
        try {
            String tag = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (tag.isEmpty() || tag.equals("broken")) {
                throw new ModelFormatException(file.toString(), "$", "not a model: '" + tag + "'");
            }
            return new Reverser("@" + tag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the file as a deployment would: a temporary file renamed over it. */
    static void replace(Path file, String tag) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "model", ".tmp");
        Files.writeString(tmp, tag, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void reloadUnderTrafficFailsNoRequest() throws Exception {
        Path file = dir.resolve("m.model");
        replace(file, "v1");
        ModelServer server = ModelServer.builder(new ServerOptions().port(0).maxBatch(8)).loader(ReloadTest::load)
                .model(file).start();
        Http http = new Http(server.uri());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reloadedAt = new AtomicLong(Long.MAX_VALUE);
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> oldAfterReload = new CopyOnWriteArrayList<>();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int c = 0; c < 8; c++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        long sent = System.nanoTime();
                        Http.Response r = http.post("/v1/translate", "{\"texts\":[\"abc\"]}");
                        if (r.status() != 200) {
                            failures.add(r.status() + " " + r.body());
                            continue;
                        }
                        String t = r.json().get("translations").get(0).textValue();
                        seen.merge(t, 1, Integer::sum);
                        if (sent > reloadedAt.get() && !t.equals("cba@v2")) {
                            oldAfterReload.add(t);
                        }
                    }
                }));
            }
            Thread.sleep(800);
            replace(file, "v2");
            Http.Response load = http.post("/v2/repository/models/m/load", "");
            reloadedAt.set(System.nanoTime());
            assertEquals(200, load.status(), load.body());
            assertTrue(load.json().get("load_seconds").doubleValue() >= 0);
            Thread.sleep(800);
            replace(file, "broken");
            Http.Response bad = http.post("/v2/repository/models/m/load", "");
            assertEquals(400, bad.status(), bad.body());
            assertTrue(bad.json().get("error").textValue().contains("not a model"), bad.body());
            Thread.sleep(800);
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            clients.shutdown();
        }
        String metrics = http.get("/metrics").body();
        server.close();
        assertEquals(List.of(), failures, "failed requests");
        assertEquals(List.of(), oldAfterReload, "answers of the old model after the reload returned");
        assertTrue(seen.getOrDefault("cba@v1", 0) > 10 && seen.getOrDefault("cba@v2", 0) > 10, seen.toString());
        assertEquals(2, seen.size(), "the damaged file was never served: " + seen);
        assertEquals(2.0, ModelServerTest.count(metrics, "seq2seq4j_model_loads_total\\{model=\"m\",result=\"ok\"\\}"));
        assertEquals(1.0, ModelServerTest.count(metrics,
                "seq2seq4j_model_loads_total\\{model=\"m\",result=\"failed\"\\}"));
        assertTrue(ModelServerTest.count(metrics, "seq2seq4j_model_load_seconds\\{model=\"m\"\\}") >= 0, metrics);
    }

    @Test
    void watchReloadsAChangedFile() throws Exception {
        Path file = dir.resolve("w.model");
        replace(file, "v1");
        try (ModelServer server = ModelServer.builder(new ServerOptions().port(0).watch(true)).loader(ReloadTest::load)
                .model("watched", file).start()) {
            Http http = new Http(server.uri());
            assertEquals("ba@v1", http.post("/v1/translate", "{\"texts\":[\"ab\"]}").json().get("translations").get(0)
                    .textValue());
            Thread.sleep(20);                         // a new modification time even on coarse clocks
            replace(file, "v3");
            String now = "";
            long until = System.currentTimeMillis() + 10_000;
            while (!now.equals("ba@v3") && System.currentTimeMillis() < until) {
                Http.Response r = http.post("/v1/translate", "{\"texts\":[\"ab\"]}");
                assertEquals(200, r.status(), r.body());
                now = r.json().get("translations").get(0).textValue();
                Thread.sleep(50);
            }
            assertEquals("ba@v3", now);
        }
    }
}
