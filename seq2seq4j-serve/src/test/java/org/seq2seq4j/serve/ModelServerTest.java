package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.Hypothesis;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Tensor;

/**
 * The real server on a free loopback port, every endpoint through a real HTTP client: health,
 * metadata, Open Inference Protocol infer for a text model (the trained toy reverser) and a tensor
 * model (a Dense layer with hand-set weights), /v1/translate with n-best and attention, the page,
 * the repository index, request ids and the Prometheus metrics.
 */
class ModelServerTest {
    private static ModelServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ModelServer.builder(new ServerOptions().port(0)).model("toy", ToyModel.get())
                .model("rev", new Reverser()).model("affine", KerasTensorModel.of(affine())).start();
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** features (None, 3) -> Dense 'scores' (2): kernel [[1, 2], [3, 4], [5, 6]], bias [0.5, -0.5]. */
    static Functional affine() {
        KerasTensor in = Input.of("features", DType.FLOAT32, 3);
        Dense dense = new Dense(2).name("scores");
        Functional f = Model.of(in, dense.apply(in));
        dense.setWeights(List.of(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), Tensor.of(new float[] {0.5f, -0.5f},
                2)));
        return f;
    }

    @Test
    void healthAndServerMetadata() {
        Http.Response live = http.get("/v2/health/live");
        assertEquals(200, live.status());
        assertTrue(live.json().get("live").booleanValue());
        Http.Response ready = http.get("/v2/health/ready");
        assertEquals(200, ready.status());
        assertTrue(ready.json().get("ready").booleanValue());
        JsonNode meta = http.get("/v2").json();
        assertEquals("seq2seq4j", meta.get("name").textValue());
        assertEquals("model_repository", meta.get("extensions").get(0).textValue());
        assertEquals(200, http.get("/v2/models/toy/ready").status());
        assertEquals(200, http.get("/v2/models/affine/versions/1/ready").status());
    }

    @Test
    void metadataSaysTheKindAndTheKerasNames() {
        JsonNode text = http.get("/v2/models/toy").json();
        assertEquals("toy", text.get("name").textValue());
        assertEquals("text", text.get("parameters").get("kind").textValue());
        assertEquals("text", text.get("inputs").get(0).get("name").textValue());
        assertEquals("BYTES", text.get("inputs").get(0).get("datatype").textValue());
        assertEquals("translation", text.get("outputs").get(0).get("name").textValue());
        assertEquals("score", text.get("outputs").get(1).get("name").textValue());
        assertEquals("FP32", text.get("outputs").get(1).get("datatype").textValue());
        JsonNode tensor = http.get("/v2/models/affine").json();
        assertEquals("tensor", tensor.get("parameters").get("kind").textValue());
        assertEquals("features", tensor.get("inputs").get(0).get("name").textValue());
        assertEquals("[-1,3]", tensor.get("inputs").get(0).get("shape").toString());
        assertEquals("scores", tensor.get("outputs").get(0).get("name").textValue());
        assertEquals("[-1,2]", tensor.get("outputs").get(0).get("shape").toString());
    }

    @Test
    void inferOnATextModelTranslatesAsTheModelDoes() {
        String body = "{\"id\":\"r1\",\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[3],"
                + "\"data\":[\"cafe\",\"faded\",\"abc\"]}],\"parameters\":{\"beam\":3,\"n_best\":2}}";
        Http.Response r = http.post("/v2/models/toy/infer", body);
        assertEquals(200, r.status(), r.body());
        JsonNode out = r.json();
        assertEquals("toy", out.get("model_name").textValue());
        assertEquals("r1", out.get("id").textValue());
        JsonNode translation = out.get("outputs").get(0);
        assertEquals("translation", translation.get("name").textValue());
        assertEquals("[3,2]", translation.get("shape").toString());
        String[] words = {"cafe", "faded", "abc"};
        for (int i = 0; i < 3; i++) {
            assertEquals(new StringBuilder(words[i]).reverse().toString(), translation.get("data").get(2 * i)
                    .textValue());
            List<Hypothesis> direct = Decoder.beam(3).nBest(2).startToken(0).endToken(1).maxLength(12)
                    .decode(ToyModel.steps(), ToyModel.oneHot(List.of(words[i]))).get(0);
            for (int k = 0; k < 2; k++) {
                assertEquals(direct.get(k).score(), out.get("outputs").get(1).get("data").get(2 * i + k)
                        .doubleValue(), 1e-5,
                        "word " + i + " hypothesis " + k);
            }
        }
    }

    @Test
    void inferOnATensorModelComputesTheLayer() {
        String body = "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[2,3],"
                + "\"data\":[[1,0,2],[0,1,-1]]}]}";
        Http.Response r = http.post("/v2/models/affine/infer", body);
        assertEquals(200, r.status(), r.body());
        JsonNode y = r.json().get("outputs").get(0);
        assertEquals("scores", y.get("name").textValue());
        assertEquals("FP32", y.get("datatype").textValue());
        assertEquals("[2,2]", y.get("shape").toString());
        // x·W + b by hand: [1,0,2] -> [1+10+0.5, 2+12-0.5]; [0,1,-1] -> [3-5+0.5, 4-6-0.5]
        double[] want = {11.5, 13.5, -1.5, -2.5};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], y.get("data").get(i).doubleValue(), 1e-5);
        }
        Http.Response ints = http.post("/v2/models/affine/infer", "{\"inputs\":[{\"name\":\"features\","
                + "\"datatype\":\"INT64\",\"shape\":[1,3],\"data\":[1,0,2]}],\"outputs\":[{\"name\":\"scores\"}]}");
        assertEquals(11.5, ints.json().get("outputs").get(0).get("data").get(0).doubleValue(), 1e-5);
    }

    @Test
    void translateGivesTheNBestListAndAttention() {
        Http.Response r = http.post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"abc\",\"hello\"],\"beam\":3,"
                + "\"n_best\":2,\"attention\":true}");
        assertEquals(200, r.status(), r.body());
        JsonNode out = r.json();
        assertEquals("[\"cba\",\"olleh\"]", out.get("translations").toString());
        assertEquals(-3.0, out.get("scores").get(0).doubleValue());
        JsonNode second = out.get("results").get(1);
        assertEquals("[\"h\",\"e\",\"l\",\"l\",\"o\"]", second.get("source_tokens").toString());
        JsonNode h1 = second.get("n_best").get(1);
        assertEquals("olleh!", h1.get("translation").textValue());
        assertEquals(-6.0, h1.get("score").doubleValue());
        assertEquals(-1.2, h1.get("normalized_score").doubleValue(), 1e-12);
        assertEquals("[[0.0,0.0,0.0,0.0,1.0],[0.0,0.0,0.0,1.0,0.0],[0.0,0.0,1.0,0.0,0.0],[0.0,1.0,0.0,0.0,0.0],"
                + "[1.0,0.0,0.0,0.0,0.0]]", h1.get("attention").toString());
    }

    @Test
    void translateOnTheRealModelGivesAttentionRowsThatAreDistributions() {
        Http.Response r = http.post("/v1/translate",
                "{\"model\":\"toy\",\"texts\":[\"decaf\"],\"beam\":2,\"attention\":true}");
        assertEquals(200, r.status(), r.body());
        JsonNode best = r.json().get("results").get(0).get("n_best").get(0);
        assertEquals("faced", best.get("translation").textValue());
        JsonNode rows = best.get("attention");
        assertEquals(6, rows.size(), "5 letters and the end token");
        for (JsonNode row : rows) {
            assertEquals(5, row.size());
            double sum = 0;
            for (JsonNode v : row) {
                assertTrue(v.doubleValue() >= 0);
                sum += v.doubleValue();
            }
            assertEquals(1.0, sum, 1e-5, "an attention row is a softmax");
        }
        assertFalse(r.json().get("results").get(0).get("n_best").get(0).has("missing"));
    }

    @Test
    void everyResponseCarriesARequestId() {
        Http.Response given = http.get("/v2/health/live", "X-Request-Id", "trace-42");
        assertEquals("trace-42", given.header("X-Request-Id"));
        Http.Response made = http.get("/v2/models/nope");
        assertEquals(404, made.status());
        assertTrue(made.header("X-Request-Id").matches("[0-9a-f-]{36}"), made.header("X-Request-Id"));
        Http.Response bad = http.get("/v2/health/live", "X-Request-Id", "not ok\u00e9");
        assertNotNull(bad.header("X-Request-Id"));
        assertFalse(bad.header("X-Request-Id").contains(" "));
    }

    @Test
    void repositoryIndexAndModelList() {
        JsonNode index = http.post("/v2/repository/index", "{}").json();
        List<String> names = new ArrayList<>();
        index.forEach(m -> names.add(m.get("name").textValue() + ":" + m.get("state").textValue()));
        assertEquals(List.of("toy:READY", "rev:READY", "affine:READY"), names);
        JsonNode list = http.get("/v1/models").json().get("models");
        assertEquals("affine", list.get(2).get("name").textValue());
        assertEquals("tensor", list.get(2).get("kind").textValue());
    }

    @Test
    void thePageAndItsFilesAreServedWithAPolicyThatFetchesNothingElse() {
        Http.Response page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"/page/app.js\""));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no external address");
        Http.Response js = http.get("/page/app.js");
        assertTrue(js.header("Content-Type").startsWith("text/javascript"));
        assertFalse(js.body().contains("http://") || js.body().contains("https://"), "no external address");
        assertEquals(404, http.get("/page/../pom.xml").status());
        assertEquals(404, http.get("/page/secret.txt").status());
    }

    @Test
    void metricsCountRequestsBatchesQueueAndLoadsInPrometheusFormat() {
        http.post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"ab\",\"cd\",\"ef\"]}");
        http.get("/v2/models/nope");
        Http.Response m = http.get("/metrics");
        assertEquals(200, m.status());
        assertTrue(m.header("Content-Type").startsWith("text/plain; version=0.0.4"), m.header("Content-Type"));
        String text = m.body();
        assertTrue(count(text,
                "seq2seq4j_requests_total\\{code=\"200\",endpoint=\"/v1/translate\",model=\"rev\"\\}") >= 1, text);
        assertTrue(count(text,
                "seq2seq4j_errors_total\\{code=\"404\",endpoint=\"/v2/models/\\{name\\}\",model=\"\"\\}") >= 1);
        assertTrue(text.contains("seq2seq4j_request_duration_seconds_bucket{endpoint=\"/v1/translate\",model=\"rev\","
                + "le=\"0.001\"}"));
        assertTrue(count(text, "seq2seq4j_batch_size_bucket\\{model=\"rev\",le=\"4.0\"\\}") >= 1, "a batch of 3 texts");
        assertTrue(text.contains("seq2seq4j_queue_depth{model=\"toy\"} 0"), text);
        assertTrue(text.contains("jvm_memory_used_bytes"));
    }

    /** The value of the first sample matching {@code regex}. */
    static double count(String text, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void aBatchedRequestDecodesAsOneAlone() {
        Http.Response r = http.post("/v1/translate",
                "{\"model\":\"toy\",\"texts\":[\"abc\",\"bedded\",\"fed\",\"ace\"]}");
        JsonNode all = r.json().get("translations");
        String[] words = {"abc", "bedded", "fed", "ace"};
        for (int i = 0; i < words.length; i++) {
            JsonNode alone = http.post("/v1/translate", "{\"model\":\"toy\",\"texts\":[\"" + words[i] + "\"]}").json();
            assertEquals(alone.get("translations").get(0), all.get(i));
            assertEquals(alone.get("scores").get(0).doubleValue(), r.json().get("scores").get(i).doubleValue(), 1e-5);
        }
        assertArrayEquals(new String[] {"cba", "deddeb", "def", "eca"}, new String[] {all.get(0).textValue(),
                all.get(1).textValue(), all.get(2).textValue(), all.get(3).textValue()});
    }
}
