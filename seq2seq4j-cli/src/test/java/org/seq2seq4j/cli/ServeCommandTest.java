package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.testing.Goldens;

/**
 * {@code seq2seq4j serve} as a user runs it: a separate process serving a real Keras file under its
 * Keras input and output names, and SIGTERM answering the requests in flight before it exits; bad
 * arguments give one line and exit code 2, and load-test refuses servers not on this machine.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2() {
        assertEquals(2, run("serve"));
        assertEquals("seq2seq4j serve: give at least one MODEL file, or --demo", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("serve", "--max-body", "lots", "--demo"));
        assertEquals("seq2seq4j serve: --max-body must be a size such as 1MB, 512KB or 65536 but was lots",
                err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("serve", "--max-batch", "0", "--demo"));
        assertEquals("seq2seq4j serve: --max-batch must be an integer in [1, 4096] but was 0", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("load-test", "--url", "http://192.0.2.1:8080/"));
        assertEquals("seq2seq4j load-test: --url must be a server on this machine (loopback), not "
                + "http://192.0.2.1:8080/",
                err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("load-test", "--seconds", "61"));
        assertEquals("seq2seq4j load-test: --seconds must be in [1, 60] but was 61", err.toString().strip());
    }

    @Test
    void servesAKerasFileAndDrainsOnSigterm() throws Exception {
        Path h5 = Goldens.SHARED.resolve("data/keras2-s2s-sql-kashdog/s2s.h5");
        assumeTrue(Files.exists(h5), "skipped: no " + h5);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve",
                "--port", "0", "--max-batch", "1", "--name", "sql", h5.toString(), "--demo").redirectErrorStream(true)
                .start();
        try {
            StringBuffer output = new StringBuffer();         // read as it comes: destroy() closes the stream
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.append(line).append('\n');
                    }
                } catch (java.io.IOException e) {
                    output.append("(output closed)\n");
                }
            });
            reader.start();
            URI base = null;
            Pattern listening = Pattern.compile("listening on (http://\\S+/)");
            for (long until = System.currentTimeMillis() + 60_000; base == null
                    && System.currentTimeMillis() < until; ) {
                Matcher m = listening.matcher(output);
                if (m.find()) {
                    base = URI.create(m.group(1));
                } else {
                    Thread.sleep(20);
                }
            }
            assertTrue(base != null, "the server said where it listens: " + output);
            HttpClient http = HttpClient.newHttpClient();
            // the model's Keras names, as PROVENANCE.md describes the file
            JsonNode meta = JSON.readTree(get(http, base.resolve("/v2/models/sql")));
            assertEquals("tensor", meta.get("parameters").get("kind").textValue());
            assertEquals("input_1", meta.get("inputs").get(0).get("name").textValue());
            assertEquals("[-1,-1,22]", meta.get("inputs").get(0).get("shape").toString());
            assertEquals("input_2", meta.get("inputs").get(1).get("name").textValue());
            assertEquals("[-1,-1,16]", meta.get("inputs").get(1).get("shape").toString());
            assertEquals("dense_1", meta.get("outputs").get(0).get("name").textValue());

            StringBuilder texts = new StringBuilder();
            for (int i = 0; i < 48; i++) {
                texts.append(i == 0 ? "" : ",").append("\"facade\"");
            }
            String big = "{\"model\":\"reverse\",\"texts\":[" + texts + "],\"beam\":8,\"n_best\":8}";
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/translate"))
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long until = System.currentTimeMillis() + 20_000;
            while (!get(http, base.resolve("/metrics")).contains("seq2seq4j_queue_depth{model=\"reverse\"} 2.0")
                    && System.currentTimeMillis() < until) {
                Thread.sleep(2);
            }
            p.toHandle().destroy();              // SIGTERM (Process.destroy would also close our end of its output)
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(48, JSON.readTree(r.body()).get("translations").size());
                assertEquals("edacaf", JSON.readTree(r.body()).get("translations").get(47).textValue());
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server exits");
            reader.join(10_000);
            assertTrue(output.toString().contains("seq2seq4j serve: stopped"), output.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
