package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.BitExact;

/** The native model file: layout, metadata, version refusal, assets, custom layers and bad files. */
class ModelFileTest {
    @TempDir
    Path dir;

    private Model small() {
        Model m = new Sequential(new Dense(3).inputShape(4), new Dense(2));
        m.compile("rmsprop", "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void layoutIsZipOfJsonAndNpyEntriesThatNumpyReads() throws IOException {
        Path f = dir.resolve("m.s2s");
        small().save(f);
        try (ZipEntries z = ZipEntries.open(f, 100, "a model")) {
            assertEquals(java.util.List.of("metadata.json", "config.json", "training.json",
                    "weights/layers/0/Dense/vars/0.npy", "weights/layers/0/Dense/vars/1.npy",
                    "weights/layers/1/Dense/vars/0.npy", "weights/layers/1/Dense/vars/1.npy"), z.names());
            byte[] npy = z.read("weights/layers/0/Dense/vars/0.npy", 1 << 20);
            String header = new String(npy, 10, npy.length - 10 - 4 * 12, java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), }", header.strip());
            assertEquals(0, (10 + header.length()) % 64, "NumPy pads the header to a multiple of 64 bytes");
        }
        String meta = ZipRewrite.text(f, "metadata.json");
        assertTrue(meta.matches("\\{\"format\": \"seq2seq4j\", \"format_version\": 1, \"library_version\": \"[^\"]+\","
                + " \"date_saved\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}"), meta);
        String config = ZipRewrite.text(f, "config.json");
        assertTrue(config.startsWith("{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {"), config);
        assertTrue(config.contains("\"compile_config\": {\"optimizer\": {\"module\": \"keras.optimizers\", \"class_name\":"
                + " \"RMSprop\", \"config\": {\"name\": \"rmsprop\", \"learning_rate\": 0.001"), config);
    }

    @Test
    void optimizerStateAndCompileSurviveALoad() {
        Model m = small();
        m.fit(Tensor.random(Shape.of(8, 4), 1), Tensor.random(Shape.of(8, 2), 2),
                new org.seq2seq4j.models.FitOptions().epochs(2).batchSize(4).verbose(0));
        Path f = dir.resolve("m.s2s");
        m.save(f);
        Model back = Models.load(f);
        assertEquals(4, back.optimizer().iterations());
        assertEquals("RMSprop", back.optimizer().getClass().getSimpleName());
        assertEquals("accuracy", back.metrics().get(0).name());
        assertEquals(m.optimizer().getConfig(), back.optimizer().getConfig());
        BitExact.assertSame(java.util.List.copyOf(m.optimizer().state().values()),
                java.util.List.copyOf(back.optimizer().state().values()), "optimizer state");
        assertEquals(new org.seq2seq4j.models.TrainingState(m.trainingState().seed(), 2), back.trainingState());
    }

    @Test
    void assetsRoundTripAndNamesAreChecked() {
        Model m = small();
        m.assets().put("vocabulary/source.json", ZipRewrite.utf8("[\"<pad>\", \"a\"]")).put("decoding.json", new byte[0]);
        Path f = dir.resolve("m.s2s");
        m.save(f);
        Model back = Models.load(f);
        assertEquals(java.util.Set.of("decoding.json", "vocabulary/source.json"), back.assets().names());
        assertArrayEquals(ZipRewrite.utf8("[\"<pad>\", \"a\"]"), back.assets().get("vocabulary/source.json"));
        for (String bad : new String[] {"../x", "/abs", "a//b", "a/./b", "", "sp ace", "x".repeat(201)}) {
            ConfigException e = assertThrows(ConfigException.class, () -> m.assets().put(bad, new byte[1]), bad);
            assertEquals("name", e.argument());
        }
    }

    @Test
    void newerFormatVersionIsRefusedClearly() throws IOException {
        Path f = dir.resolve("m.s2s");
        small().save(f);
        String meta = ZipRewrite.text(f, "metadata.json").replace("\"format_version\": 1", "\"format_version\": 2");
        Path newer = ZipRewrite.with(f, dir.resolve("newer.s2s"), Map.of("metadata.json", ZipRewrite.utf8(meta)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(newer));
        assertEquals("metadata.json", e.location());
        assertTrue(e.getMessage().contains("format version 2 was written by a newer seq2seq4j") && e.getMessage()
                .contains("reads format version 1 and older; upgrade seq2seq4j to load it"), e.getMessage());
    }

    @Test
    void badFilesGetOneTypedMessageEach() throws IOException {
        Path f = dir.resolve("m.s2s");
        small().save(f);
        Files.write(dir.resolve("text.s2s"), ZipRewrite.utf8("hello"));
        Path keras = ZipRewrite.with(f, dir.resolve("k.keras"), Map.of("metadata.json", ZipRewrite.utf8("{}"),
                "model.weights.h5", new byte[3]));
        Path noWeight = ZipRewrite.without(f, dir.resolve("w.s2s"), "weights/layers/1/Dense/vars/1.npy");
        Path extra = ZipRewrite.with(f, dir.resolve("x.s2s"), Map.of("weights/layers/9/Dense/vars/0.npy", new byte[1]));
        Path shape = ZipRewrite.with(f, dir.resolve("s.s2s"), Map.of("weights/layers/1/Dense/vars/1.npy",
                Npy.bytes(Tensor.zeros(3))));
        Path nan = ZipRewrite.with(f, dir.resolve("n.s2s"), Map.of("weights/layers/1/Dense/vars/1.npy",
                Npy.bytes(Tensor.of(new float[] {1, Float.NaN}, 2))));
        Path huge = ZipRewrite.with(f, dir.resolve("h.s2s"), Map.of("config.json", ZipRewrite.utf8(
                ZipRewrite.text(f, "config.json").replace("\"units\": 3", "\"units\": 2000000000"))));
        Map<Path, String> expected = new java.util.LinkedHashMap<>();
        expected.put(dir.resolve("missing.s2s"), "file not found");
        expected.put(dir, "is a directory");
        expected.put(dir.resolve("text.s2s"), "not a readable zip, so not a seq2seq4j model");
        expected.put(keras, "format is missing, not 'seq2seq4j'; not a seq2seq4j model file");
        expected.put(noWeight, "entry missing: the file has no weight 'dense_");
        expected.put(extra, "unexpected entry: not part of a weight of this model's config");
        expected.put(shape, "is <f4 (3,) in the file but (2,) float32");
        expected.put(nan, "holds NaN at flat index 1");
        expected.put(huge, "the config does not fit the weights");
        expected.forEach((file, message) -> {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(file), file.toString());
            assertTrue(e.getMessage().contains(message), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        });
    }

    @Test
    void savingANonFiniteWeightKeepsThePreviousFile() throws IOException {
        Model m = small();
        Path f = dir.resolve("m.s2s");
        m.save(f);
        byte[] before = Files.readAllBytes(f);
        m.weights().get(0).value().data()[2] = Float.POSITIVE_INFINITY;
        Seq2SeqException e = assertThrows(Seq2SeqException.class, () -> m.save(f));
        assertTrue(e.getMessage().contains("holds Infinity at flat index 2; the previous file is kept"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(f), files.toList(), "no temporary file is left");
        }
        assertThrows(ConfigException.class, () -> m.save(dir.resolve("m.keras")));
    }

    /** A user's Java layer for a custom Keras class: multiplies each feature by a learned weight. */
    private static final class Scale extends Layer {
        private Variable gamma;

        @Override
        protected void doBuild(Shape in) {
            gamma = addWeight("gamma", Shape.of(in.last()), Initializers.randomUniform(-1, 1));
        }

        @Override
        public Shape computeOutputShape(Shape in) {
            return in;
        }

        @Override
        protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
            Tensor y = inputs[0].copy();
            float[] g = gamma.value().data();
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] *= g[i % g.length];
            }
            return new Tensor[] {y};
        }
    }

    @Test
    void customLayersLoadThroughCustomObjectsAndOtherwiseSayHow() {
        Model m = new Sequential(new Dense(3).inputShape(5, 4), new Scale());
        Path f = dir.resolve("custom.s2s");
        m.save(f);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(f));
        assertTrue(e.getMessage().contains("'Scale'") && e.getMessage().contains("CustomObjects.layer"),
                e.getMessage());
        CustomObjects custom = new CustomObjects().layer("Scale", c -> Layer.applyBase(new Scale(), c));
        Model back = Models.load(f, custom);
        Tensor x = Tensor.random(Shape.of(2, 5, 4), 3);
        BitExact.assertSame(java.util.List.of(m.predict(x)), java.util.List.of(back.predict(x)),
                "custom layer predictions");
        assertEquals("Scale", back.layers().get(1).className());
        assertTrue(Json.write(Layers.kerasEntry(back.layers().get(1))).contains("\"registered_name\": \"Scale\""));
    }
}
