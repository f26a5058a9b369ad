package org.seq2seq4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.TestData.oneHot;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.PredictOptions;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Captured;
import org.seq2seq4j.testing.TestClasspath;

/**
 * The README's Java examples, read from README.md at test time, compiled with javax.tools against
 * the test classpath and run on small generated data, so an edit that breaks them fails the build;
 * and its dependency snippet names this build's coordinates. The README comes from the repository
 * root ({@code seq2seq4j.root}, set by the build).
 */
class ReadmeTest {
    private static final Path README = Paths.get(System.getProperty("seq2seq4j.root", "..")).resolve("README.md");
    private static final String IMPORTS = "import java.nio.file.Path;\nimport java.util.*;\nimport org.seq2seq4j.*;\n"
            + "import org.seq2seq4j.layers.*;\nimport org.seq2seq4j.models.*;\nimport org.seq2seq4j.tensor.*;\n"
            + "import org.seq2seq4j.seq2seq.*;\nimport org.seq2seq4j.text.SentencePair;\n"
            + "import org.seq2seq4j.text.TsvReader;\nimport org.seq2seq4j.translate.*;\n";

    @TempDir
    static Path classes;

    @BeforeAll
    static void needReadme() {
        assumeTrue(Files.isRegularFile(README), "skipped: no README at " + README);
    }

    /** The fenced blocks tagged {@code language} in the README section whose heading contains {@code heading}. */
    static List<String> blocks(String heading, String language) throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<String> out = new ArrayList<>();
        boolean inSection = false;
        StringBuilder block = null;
        for (String line : lines) {
            if (block != null) {
                if (line.startsWith("```")) {
                    out.add(block.toString());
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("## ")) {
                inSection = line.contains(heading);
            } else if (inSection && line.equals("```" + language)) {
                block = new StringBuilder();
            }
        }
        assertFalse(out.isEmpty(), "README.md has no ```" + language + " block under a '## ...' heading containing '"
                + heading + "'");
        return out;
    }

    /**
     * Compiles {@code body} (a README block) as the body of {@code public static Map<String, Object>
     * run(params)} that returns {@code results}, and runs it with {@code args}; what the block printed
     * is under the key {@code "stdout"}.
     */
    private static Map<String, Object> run(String className, String params, String body, String results, Object... args)
            throws Exception {
        String source = "package readme;\n" + IMPORTS + "public final class " + className + " {\n"
                + "    public static Map<String, Object> run(" + params + ") {\n" + body
                + "        return Map.of(" + results + ");\n    }\n}\n";
        Path file = classes.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-classpath", TestClasspath.joined(TestClasspath.entries()), "-d",
                classes.toString(), "-proc:none", "-Xlint:all", "-Werror");
        boolean ok = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        if (!ok) {
            fail("the README example does not compile (README.md, section of " + className + "):\n" + diagnostics
                    + "\n--- as compiled ---\n" + source);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeTest.class.getClassLoader())) {
            java.lang.reflect.Method m = null;
            for (java.lang.reflect.Method candidate : loader.loadClass("readme." + className).getMethods()) {
                if (candidate.getName().equals("run")) {
                    m = candidate;
                }
            }
            java.lang.reflect.Method method = m;
            Object[] result = new Object[1];
            String printed = Captured.stdout(() -> {
                try {
                    result[0] = method.invoke(null, args);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException("the README example " + className + " failed: " + e.getCause(),
                            e.getCause());
                }
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> values = new java.util.HashMap<>((Map<String, Object>) result[0]);
            values.put("stdout", printed);
            return values;
        }
    }

    @Test
    void tenLinesOfJavaCompileRunAndLearn() throws Exception {
        String body = blocks("Ten lines", "java").get(0);
        Tensor x = oneHot(320, 6, 8, 1);
        Tensor y = x;                                   // the echo task: reproduce the sequence
        Tensor xTest = oneHot(40, 6, 8, 2);
        Map<String, Object> r = run("TenLines", "Tensor x, Tensor y, Tensor xTest", body,
                "\"model\", model, \"tokens\", tokens", x, y, xTest);
        Sequential model = (Sequential) r.get("model");
        int[] tokens = (int[]) r.get("tokens");
        // LSTM(64) on 8 features: 4*64*(8+64+1); LSTM(64) on 64: 4*64*(64+64+1); Dense(8): 64*8+8
        assertTrue(((String) r.get("stdout")).contains("Total params: 52,232"), (String) r.get("stdout"));
        assertEquals(40 * 6, tokens.length);
        Tensor p = model.predict(xTest, new PredictOptions().verbose(0));
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < 8; j++) {
                assertTrue(p.data()[i * 8 + j] <= p.data()[i * 8 + tokens[i]], "token " + i + " is the argmax");
            }
        }
        // a model that learnt nothing predicts 1/8 everywhere: crossentropy ln 8 = 2.079
        double loss = model.evaluate(xTest, xTest).get("loss");
        assertTrue(loss < 0.9 * Math.log(8), "10 epochs of the echo task reach " + loss);
    }

    @Test
    void lstmSeq2SeqExampleCompilesRunsAndItsInferenceModelsReproduceTheTrainingModel() throws Exception {
        String body = blocks("lstm_seq2seq", "java").get(0);
        int numEncoderTokens = 7;
        int numDecoderTokens = 9;
        int latentDim = 16;
        int n = 20;
        Tensor encoderInputData = oneHot(n, 5, numEncoderTokens, 3);
        Tensor decoderInputData = oneHot(n, 4, numDecoderTokens, 4);
        Tensor decoderTargetData = oneHot(n, 4, numDecoderTokens, 5);
        Map<String, Object> r = run("LstmSeq2Seq", "int numEncoderTokens, int numDecoderTokens, int latentDim, "
                        + "Tensor encoderInputData, Tensor decoderInputData, Tensor decoderTargetData", body,
                "\"model\", model, \"encoderModel\", encoderModel, \"decoderModel\", decoderModel",
                numEncoderTokens, numDecoderTokens, latentDim, encoderInputData, decoderInputData, decoderTargetData);
        Model model = (Model) r.get("model");
        assertEquals(4 * latentDim * (numEncoderTokens + latentDim + 1)
                + 4 * latentDim * (numDecoderTokens + latentDim + 1)
                + latentDim * numDecoderTokens + numDecoderTokens, model.countParams());
        assertTrue(((String) r.get("stdout")).contains("Epoch 100/100"), "fit ran its 100 epochs");
        // the inference models, step by step on the teacher-forced decoder input, give the training model's output
        Model encoderModel = (Model) r.get("encoderModel");
        Model decoderModel = (Model) r.get("decoderModel");
        PredictOptions quiet = new PredictOptions().verbose(0);
        Tensor expected = model.predictAll(List.of(encoderInputData, decoderInputData), quiet).get(0);
        List<Tensor> states = encoderModel.predictAll(List.of(encoderInputData), quiet);
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        for (int t = 0; t < 4; t++) {
            Tensor step = Tensor.zeros(n, 1, numDecoderTokens);
            for (int s = 0; s < n; s++) {
                System.arraycopy(decoderInputData.data(), (s * 4 + t) * numDecoderTokens, step.data(),
                        s * numDecoderTokens, numDecoderTokens);
            }
            List<Tensor> out = decoderModel.predictAll(List.of(step, h, c), quiet);
            for (int s = 0; s < n; s++) {
                for (int k = 0; k < numDecoderTokens; k++) {
                    assertEquals(expected.get(s, t, k), out.get(0).get(s, 0, k), 1e-5, "sample " + s + " step " + t);
                }
            }
            h = out.get(1);
            c = out.get(2);
        }
    }

    @Test
    void seq2seqModelsAndDecodingCompileAndRun() throws Exception {
        String body = blocks("Seq2seq models and decoding", "java").get(0);
        Tensor x = oneHot(64, 6, 10, 6);
        Tensor xTest = oneHot(3, 6, 10, 7);
        List<String> tokens = List.of("a", "b", "c", "d", "e", "f");
        Map<String, Object> r = run("Seq2SeqDecoding", "Tensor x, Tensor y, Tensor xTest, List<String> sourceTokens, "
                + "List<String> targetTokens", body, "\"model\", model, \"nBest\", nBest", x, x, xTest, tokens, tokens);
        @SuppressWarnings("unchecked")
        List<List<org.seq2seq4j.seq2seq.Hypothesis>> nBest = (List<List<org.seq2seq4j.seq2seq.Hypothesis>>) r.get("nBest");
        assertEquals(3, nBest.size());
        for (List<org.seq2seq4j.seq2seq.Hypothesis> h : nBest) {
            assertEquals(2, h.size());
            assertTrue(h.get(0).normalizedScore() >= h.get(1).normalizedScore(), "the n-best list is sorted");
            assertEquals(6, h.get(0).tokens().length);
            assertEquals(6, h.get(0).attention().length);
        }
        // the AttentionSeq2Seq of the original library with these arguments: worked out in Seq2SeqFamiliesTest
        org.seq2seq4j.seq2seq.AttentionSeq2Seq model = (org.seq2seq4j.seq2seq.AttentionSeq2Seq) r.get("model");
        assertEquals(6, model.outputLength());
        String printed = (String) r.get("stdout");
        assertTrue(printed.contains("legend:") && printed.contains("|a|b|c|d|e|f|"), printed);
    }

    @Test
    void translateFromJavaFitsInTwentyLinesAndRuns() throws Exception {
        String block = blocks("Translate from Java", "java").get(0);
        assertTrue(block.strip().lines().count() <= 20, "at most 20 lines:\n" + block);
        StringBuilder tsv = new StringBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        java.time.format.DateTimeFormatter f =
                java.time.format.DateTimeFormatter.ofPattern("d MMMM y", java.util.Locale.US);
        for (int i = 0; i < 300; i++) {
            java.time.LocalDate d = java.time.LocalDate.of(1990, 1, 1).plusDays(r.nextInt(3650));
            tsv.append(f.format(d)).append('\t').append(d).append('\n');
        }
        Path pairs = Files.writeString(classes.resolve("pairs.tsv"), tsv);
        Path model = classes.resolve("dates.s2s");
        String body = block.replace("\"pairs.tsv\"", "\"" + pairs.toString().replace("\\", "\\\\") + "\"")
                .replace("\"dates.s2s\"", "\"" + model.toString().replace("\\", "\\\\") + "\"");
        Map<String, Object> res = run("TranslateFromJava", "", body, "\"result\", result, \"out\", out");
        org.seq2seq4j.translate.TrainingResult result = (org.seq2seq4j.translate.TrainingResult) res.get("result");
        assertEquals(10, result.history().size());
        assertTrue(Files.isRegularFile(model), "the checkpoint is the model file");
        @SuppressWarnings("unchecked")
        List<org.seq2seq4j.translate.Translation> out = (List<org.seq2seq4j.translate.Translation>) res.get("out");
        assertEquals(2, out.get(1).candidates().size());
        assertEquals(result.translator().translate(List.of("05/06/01"), org.seq2seq4j.seq2seq.Decoder.beam(4).nBest(2))
                .get(0).text(), out.get(1).text(), "the file gives the same model");
        String printed = (String) res.get("stdout");
        assertTrue(printed.contains("3 May 1979 -> ") && printed.contains("(2 candidates)"), printed);
    }

    @Test
    void dependencySnippetNamesThisBuild() throws IOException {
        String version = System.getProperty("seq2seq4j.version");
        assumeTrue(version != null, "skipped: the build sets seq2seq4j.version");
        Path root = README.getParent();
        Pattern dep = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                + "<version>([^<]+)</version>");
        List<String> artifacts = new ArrayList<>();
        for (String xml : blocks("Use it in your project", "xml")) {
            Matcher m = dep.matcher(xml);
            while (m.find()) {
                if (m.group(1).equals("org.seq2seq4j")) {
                    artifacts.add(m.group(2));
                    assertEquals(version, m.group(3), m.group(2) + " version in README.md");
                    assertTrue(Files.isRegularFile(root.resolve(m.group(2)).resolve("pom.xml")),
                            m.group(2) + " is a module of this build");
                }
            }
        }
        assertTrue(artifacts.containsAll(List.of("seq2seq4j-core", "seq2seq4j-keras")), artifacts.toString());
        String sh = String.join("", blocks("Use it in your project", "sh"));
        assertTrue(sh.contains("mvn") && sh.contains("install"), "how to install it locally: " + sh);
    }
}
