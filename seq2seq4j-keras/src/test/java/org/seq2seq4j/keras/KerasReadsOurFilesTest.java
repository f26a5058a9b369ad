package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.Npy;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.translate.Architecture;
import org.seq2seq4j.translate.ModelSpec;
import org.seq2seq4j.translate.TranslationModel;

/**
 * The {@code .keras} files this project writes, read by real Keras 3: every model Keras wrote for
 * {@link Keras3WrittenFilesTest} after a trip through our import and export, a Sequential whose
 * first layer is a Bidirectional, and the translation architectures; Keras's predictions must
 * equal ours to 1e-5 at every timestep (token inputs hold zeros anywhere). Runs where the
 * environment variable {@code SEQ2SEQ4J_KERAS_PYTHON} names a Python with Keras 3 ({@code .ci/run}
 * makes one from the wheels in {@code /opt/pypi/files} when the machine has them); skipped
 * elsewhere, saying so.
 */
class KerasReadsOurFilesTest {
    @TempDir
    Path dir;

    @Test
    void kerasComputesWhatWeComputeOnTheFilesWeWrite() throws IOException, InterruptedException, URISyntaxException {
        String python = System.getenv("SEQ2SEQ4J_KERAS_PYTHON");
        assumeTrue(python != null && Files.isExecutable(Path.of(python)),
                "skipped: SEQ2SEQ4J_KERAS_PYTHON does not name a Python with Keras 3 (.ci/run sets it up when it can)");
        Map<String, List<Tensor>> cases = new LinkedHashMap<>();
        Path written = Path.of(KerasReadsOurFilesTest.class.getResource("/keras3-written").toURI());
        try (Stream<Path> s = Files.list(written)) {
            for (Path keras : s.filter(Files::isDirectory).sorted().toList()) {
                cases.put(keras.getFileName().toString(), write(keras.getFileName().toString(),
                        KerasModels.load(keras.resolve("model.keras")), numbered(keras)));
            }
        }
        Seq2Seq4j.seed(3);
        Sequential bi = new Sequential().add(new Bidirectional(new GRU(3).returnSequences(true)).inputShape(5, 2))
                .add(new Dense(2).activation("tanh"));
        cases.put("sequential_bidirectional_first", write("sequential_bidirectional_first", bi,
                List.of(Tensor.random(Shape.of(3, 5, 2), 4))));
        for (ModelSpec spec : List.of(
                new ModelSpec(Architecture.ATTENTION, "lstm", 4, 1, 3, true, "bahdanau", 7, 8),
                new ModelSpec(Architecture.ATTENTION, "gru", 4, 2, 3, false, "luong", 7, 8),
                new ModelSpec(Architecture.LSTM_SEQ2SEQ, "lstm", 5, 1, 3, false, "bahdanau", 7, 8))) {
            String name = "translation_" + spec.architecture().cliName() + "_" + spec.cell() + "_" + spec.attention();
            Model m = TranslationModel.build(spec).training();
            List<Tensor> in = spec.architecture() == Architecture.LSTM_SEQ2SEQ
                    ? List.of(Tensor.random(Shape.of(3, 6, 7), 5), Tensor.random(Shape.of(3, 4, 8), 6))
                    : List.of(tokens(7, 6, 11), tokens(8, 4, 12));
            cases.put(name, write(name, m, in));
        }
        List<String> command = new ArrayList<>(List.of(python,
                Path.of(KerasReadsOurFilesTest.class.getResource("/keras_predict.py").toURI()).toString()));
        cases.keySet().forEach(n -> command.add(dir.resolve(n).toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putIfAbsent("KERAS_BACKEND", "jax");
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "Keras did not finish");
        assertEquals(0, p.exitValue(), "Keras could not read every file:\n" + said);
        for (Map.Entry<String, List<Tensor>> c : cases.entrySet()) {
            List<Tensor> ours = c.getValue();
            for (int k = 0; k < ours.size(); k++) {
                Tensor keras = Npy.read(dir.resolve(c.getKey()).resolve("keras_output_" + k + ".npy"));
                assertEquals(ours.get(k).shape(), keras.shape(), c.getKey() + " output " + k);
                float[] o = ours.get(k).data();
                float[] e = keras.data();
                for (int i = 0; i < o.length; i++) {
                    assertTrue(Math.abs(o[i] - e[i]) <= 1e-5, c.getKey() + " output " + k + " [" + i + "]: Keras "
                            + e[i] + ", ours " + o[i]);
                }
            }
        }
    }

    /** Exports {@code model} with its inputs to {@code dir/name}; returns our outputs on them. */
    private List<Tensor> write(String name, Model model, List<Tensor> inputs) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        KerasModels.save(model, folder.resolve("model.keras"));
        for (int k = 0; k < inputs.size(); k++) {
            Npy.write(inputs.get(k), folder.resolve("input_" + k + ".npy"));
        }
        return model.predictAll(inputs, 32);
    }

    private static List<Tensor> numbered(Path folder) {
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; Files.exists(folder.resolve("input_" + k + ".npy")); k++) {
            out.add(Npy.read(folder.resolve("input_" + k + ".npy")));
        }
        return out;
    }

    /** Token ids in [0, vocabulary) with zeros (padding) at random places, batch 3. */
    private static Tensor tokens(int vocabulary, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] ids = new float[3 * steps];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(vocabulary - 1);
        }
        return Tensor.of(ids, 3, steps);
    }
}
