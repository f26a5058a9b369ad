package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.seq2seq4j.keras.DenseArtifact.MODEL_JSON;
import static org.seq2seq4j.keras.DenseArtifact.WEIGHTS;
import static org.seq2seq4j.keras.DenseArtifact.bin;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;

/**
 * The TF.js reader on a hand-made Dense artifact ({@link DenseArtifact}): the intact file gives
 * exact outputs, and each kind of damage gives a {@link ModelFormatException} with the right
 * file, location (JSON pointer or byte offset) and problem. Damaged copies live in a temp folder.
 */
class TfjsModelFormatTest {
    private static final String JSON_CHARS = " {}[]\",:0123456789-eE.nulltrue";

    @TempDir
    Path dir;

    @Test
    void loadsTheIntactArtifact() throws IOException {
        Sequential model = TfjsModel.load(DenseArtifact.write(dir, MODEL_JSON, bin(WEIGHTS)));
        assertAllClose(DenseArtifact.Y, model.predict(DenseArtifact.X).data(), 0, "dense");
    }

    static Stream<Arguments> damage() {
        float[] nan = WEIGHTS.clone();
        nan[4] = Float.NaN;
        float[] inf = WEIGHTS.clone();
        inf[7] = Float.POSITIVE_INFINITY;
        byte[] ok = bin(WEIGHTS);
        return Stream.of(
                arguments("truncated shard", same(), cut(ok, 30), "model.json", "/weightsManifest/0/paths",
                        "hold 30 bytes but the weights listed need 32"),
                arguments("extra bytes", same(), Arrays.copyOf(ok, 36), "model.json", "/weightsManifest/0/paths",
                        "hold 36 bytes but the weights listed need 32"),
                arguments("bad JSON", (UnaryOperator<String>) j -> j.substring(0, 200), ok, "model.json",
                        "byte \\d+ \\(line \\d+, column \\d+\\)", "not valid JSON"),
                arguments("duplicate key", edit("\"units\": 2,", "\"units\": 2, \"units\": 3,"), ok, "model.json",
                        "byte \\d+ \\(line 3, column \\d+\\)", "Duplicate field 'units'"),
                arguments("missing shard", edit("\"group1-shard1of1.bin\"", "\"group1-shard1of2.bin\""), ok,
                        "model.json", "/weightsManifest/0/paths/0", "shard file 'group1-shard1of2.bin' not found"),
                arguments("shard outside folder", edit("\"group1-shard1of1.bin\"", "\"../group1-shard1of1.bin\""), ok,
                        "model.json", "/weightsManifest/0/paths/0", "points outside the model's folder"),
                arguments("wrong shape", edit("[3, 2]", "[2, 3]"), ok, "model.json",
                        "/weightsManifest/0/weights/0/shape", "has shape \\(2, 3\\) but Dense 'dense' expects \\(3, 2\\)"),
                arguments("negative dimension", edit("[3, 2]", "[3, -2]"), ok, "model.json",
                        "/weightsManifest/0/weights/0/shape/1", "expected an integer >= 0 but found -2"),
                arguments("NaN weight", same(), bin(nan), "group1-shard1of1.bin", "byte 16",
                        "weight 'dense/kernel' value 4 of shape \\(3, 2\\) is NaN"),
                arguments("infinite weight", same(), bin(inf), "group1-shard1of1.bin", "byte 28",
                        "weight 'dense/bias' value 1 of shape \\(2,\\) is Infinity"),
                arguments("int32 weight", edit("\"shape\": [2], \"dtype\": \"float32\"", "\"shape\": [2], \"dtype\": \"int32\""),
                        ok, "model.json", "/weightsManifest/0/weights/1/dtype", "dtype 'int32'; only float32"),
                arguments("quantized weight", edit("\"shape\": [2],", "\"shape\": [2], \"quantization\": {\"dtype\": \"uint8\"},"),
                        ok, "model.json", "/weightsManifest/0/weights/1/quantization", "is quantized"),
                arguments("foreign weight name", edit("dense/kernel", "other/kernel"), ok, "model.json",
                        "/weightsManifest/0/weights/0/name", "weight 'other/kernel' \\(layer 'other', weight 'kernel'\\)"
                                + " matches no remaining weight"),
                arguments("unlisted weight", (UnaryOperator<String>) j -> j.replaceAll(",\\s*\\{\"name\": \"dense/bias\"[^}]*}", ""),
                        cut(ok, 24), "model.json", "weights",
                        "Dense 'dense' weight 'bias' of shape \\(2,\\) needs 2 values but the file's weights hold 6"),
                arguments("huge units", edit("\"units\": 2", "\"units\": 2000000000"), ok, "model.json", "weights",
                        "Dense 'dense' weight 'kernel' of shape \\(3, 2000000000\\) needs 6000000000 values"),
                arguments("unknown layer class", edit("\"Dense\"", "\"Conv1D\""), ok, "model.json",
                        "/modelTopology/config/layers/0", "unknown layer class 'Conv1D'"),
                arguments("functional model", edit("\"Sequential\"", "\"Functional\""), ok, "model.json",
                        "/modelTopology/class_name", "a functional model .* TfjsModel.loadModel"),
                arguments("graph model", edit("layers-model", "graph-model"), ok, "model.json", "/format",
                        "only 'layers-model' files"),
                arguments("no topology", edit("modelTopology", "topology"), ok, "model.json", "/modelTopology",
                        "expected a JSON object but found nothing"),
                arguments("bad layer argument", edit("\"units\": 2", "\"units\": -2"), ok, "model.json",
                        "/modelTopology/config/layers", "Dense: units must be a positive integer but was -2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void rejectsDamage(String what, UnaryOperator<String> json, byte[] shard, String file, String location,
                       String problem) throws IOException {
        Path model = DenseArtifact.write(dir, json.apply(MODEL_JSON), shard);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsModel.load(model), what);
        assertEquals(dir.resolve(file).toString(), e.file(), what + ": file");
        assertTrue(e.location().matches(location), what + ": location " + e.location() + " !~ " + location);
        assertTrue(e.getMessage().matches("(?s).*" + problem + ".*"), what + ": message " + e.getMessage());
    }

    @Test
    void functionalModelsLoadThroughLoadModelAndKerasModels() throws IOException {
        Path model = DenseArtifact.write(dir, DenseArtifact.FUNCTIONAL_JSON, bin(WEIGHTS));
        for (Model m : List.of(TfjsModel.loadModel(model), KerasModels.load(model))) {
            assertArrayEquals(DenseArtifact.Y, m.predict(DenseArtifact.X).data(), 1e-6f);
        }
    }

    @Test
    void readsValuesThatStraddleShards() throws IOException {
        byte[] all = bin(WEIGHTS);
        Files.write(dir.resolve("a.bin"), Arrays.copyOfRange(all, 0, 13));
        Files.write(dir.resolve("b.bin"), Arrays.copyOfRange(all, 13, 32));
        Path model = Files.writeString(dir.resolve("model.json"),
                edit("[\"group1-shard1of1.bin\"]", "[\"a.bin\", \"b.bin\"]").apply(MODEL_JSON));
        assertAllClose(DenseArtifact.Y, TfjsModel.load(model).predict(DenseArtifact.X).data(), 0, "two shards");

        float[] nan = WEIGHTS.clone();
        nan[5] = Float.NaN;                                  // group byte 20 = b.bin byte 7
        Files.write(dir.resolve("b.bin"), Arrays.copyOfRange(bin(nan), 13, 32));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsModel.load(model));
        assertEquals(dir.resolve("b.bin").toString(), e.file());
        assertEquals("byte 7", e.location());
    }

    /** TF.js names a wrapper's weights {@code time_distributed/kernel}; ours are {@code time_distributed/dense/kernel}. */
    @Test
    void matchesWrappedWeightsByLayerAndShortName() throws IOException {
        String json = MODEL_JSON
                .replace("{\"class_name\": \"Dense\", \"config\": {", "{\"class_name\": \"TimeDistributed\", \"config\": {"
                        + "\"name\": \"time_distributed\", \"batch_input_shape\": [null, 2, 3], \"layer\": "
                        + "{\"class_name\": \"Dense\", \"config\": {")
                .replace("\"batch_input_shape\": [null, 3], \"dtype\": \"float32\"}}", "\"dtype\": \"float32\"}}}}")
                .replace("\"dense/", "\"time_distributed/");
        Sequential model = TfjsModel.load(DenseArtifact.write(dir, json, bin(WEIGHTS)));
        assertEquals("time_distributed/dense/kernel", model.weights().get(0).path());
        assertAllClose(DenseArtifact.Y, model.predict(DenseArtifact.X.reshape(1, 2, 3)).data(), 0, "time distributed");
    }

    @Test
    void readChecksShardsButNotValues() throws IOException {
        float[] nan = WEIGHTS.clone();
        nan[0] = Float.NaN;
        TfjsModel m = TfjsModel.read(DenseArtifact.write(dir, MODEL_JSON, bin(nan)));
        assertEquals(java.util.List.of("dense/kernel", "dense/bias"), m.weightNames());
        assertEquals("byte 0", assertThrows(ModelFormatException.class, m::readWeights).location());
    }

    /** Seeded random damage to model.json and the shard: loading succeeds or fails with a ModelFormatException only. */
    @Test
    void randomDamageIsAlwaysAModelFormatException() throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        byte[] json = MODEL_JSON.getBytes(StandardCharsets.UTF_8);
        int rejected = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] j = json.clone();
            byte[] b = bin(WEIGHTS);
            for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                j[r.nextInt(j.length)] = (byte) JSON_CHARS.charAt(r.nextInt(JSON_CHARS.length()));
            }
            if (r.nextInt(4) == 0) {
                b = cut(b, r.nextInt(b.length));
            }
            Files.write(dir.resolve("group1-shard1of1.bin"), b);
            Path model = Files.write(dir.resolve("model.json"), j);
            try {
                TfjsModel.load(model);
            } catch (ModelFormatException e) {
                rejected++;
            } catch (RuntimeException e) {
                fail("trial " + trial + ": " + e + " instead of a ModelFormatException for\n"
                        + new String(j, StandardCharsets.UTF_8), e);
            }
        }
        assertTrue(rejected > 100, "most random damage must be caught, caught " + rejected);
    }

    private static UnaryOperator<String> same() {
        return j -> j;
    }

    /** Replaces {@code from} (which must occur) by {@code to}. */
    static UnaryOperator<String> edit(String from, String to) {
        return j -> {
            if (!j.contains(from)) {
                throw new IllegalArgumentException("test setup: '" + from + "' not in model.json");
            }
            return j.replace(from, to);
        };
    }

    private static byte[] cut(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }
}
