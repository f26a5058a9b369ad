package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.Npy;
import org.seq2seq4j.keras.KerasModels;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Goldens;

/** summary, predict and convert on model files, and one clear line with exit code 2 for every bad file. */
class ModelCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A two-input model: int32 token ids through an Embedding, and float features. */
    private Model twoInputs() {
        Seq2Seq4j.seed(3);
        KerasTensor ids = Input.of("ids", DType.INT32, 4);
        KerasTensor feats = Input.of("feats", 4, 2);
        KerasTensor seq = new LSTM(3).returnSequences(true).apply(new Embedding(9, 2).apply(ids));
        KerasTensor both = new org.seq2seq4j.layers.merging.Concatenate().apply(seq, feats);
        return Model.of(List.of(ids, feats), List.of(new Dense(2).apply(both), new LSTM(2).apply(both)));
    }

    private static byte[] int32Npy(int[] values, int... dims) {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + dims[0] + ", " + dims[1] + "), }";
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 4 * values.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void predictWritesEveryOutputInOrderForAnyFormat() throws IOException {
        Model m = twoInputs();
        Path s2s = dir.resolve("m.s2s");
        m.save(s2s);
        Path keras = dir.resolve("m.keras");
        KerasModels.save(m, keras);
        int[] ids = {1, 2, 3, 0, 4, 5, 6, 7};
        Path idsFile = Files.write(dir.resolve("ids.npy"), int32Npy(ids, 2, 4));
        Tensor feats = Tensor.random(Shape.of(2, 4, 2), 9);
        Path featsFile = dir.resolve("feats.npy");
        Npy.write(feats, featsFile);
        Tensor idsT = Tensor.of(new float[] {1, 2, 3, 0, 4, 5, 6, 7}, 2, 4);
        List<Tensor> expected = m.predictAll(List.of(idsT, feats), 32);
        for (Path model : List.of(s2s, keras)) {
            Path outDir = dir.resolve("out-" + model.getFileName());
            assertEquals(0, run("predict", model.toString(), "--input", idsFile.toString(), "--input",
                    featsFile.toString(), "--output-dir", outDir.toString()), err.toString());
            for (int k = 0; k < expected.size(); k++) {
                Tensor got = Npy.read(outDir.resolve("output_" + k + ".npy"));
                assertEquals(expected.get(k).shape(), got.shape());
                assertArrayEquals(expected.get(k).data(), got.data(), 0f, model + " output " + k);
            }
            assertTrue(out.toString().contains("output_1.npy (2, 2)"), out.toString());
        }
        assertEquals(2, run("predict", s2s.toString(), "--input", idsFile.toString(), "--output-dir", dir.toString()));
        assertEquals("seq2seq4j predict: Functional 'functional' takes 2 input(s), in order, but 1 --input file(s) were"
                + " given", err.toString().strip().replaceAll("'functional_\\d+'", "'functional'"));
    }

    @Test
    void convertBetweenFormatsKeepsPredictions() {
        Model m = twoInputs();
        Path s2s = dir.resolve("m.s2s");
        m.save(s2s);
        Path keras = dir.resolve("c.keras");
        Path back = dir.resolve("c.s2s");
        assertEquals(0, run("convert", s2s.toString(), keras.toString()), err.toString());
        assertEquals(0, run("convert", keras.toString(), back.toString()), err.toString());
        assertTrue(out.toString().contains(" -> " + back), out.toString());
        List<Tensor> x = List.of(Tensor.of(new float[] {1, 2, 3, 0, 4, 5, 6, 7}, 2, 4), Tensor.random(Shape.of(2, 4, 2), 1));
        List<Tensor> a = m.predictAll(x, 8);
        List<Tensor> b = org.seq2seq4j.io.Models.load(back).predictAll(x, 8);
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).data(), b.get(k).data(), 0f);
        }
        assertEquals(2, run("convert", s2s.toString(), dir.resolve("x.h5").toString()));
        assertTrue(err.toString().contains("<out> must end in .s2s or .keras"), err.toString());
    }

    @Test
    void summaryOfNativeAndKeras3Files() {
        Model m = twoInputs();
        Path s2s = dir.resolve("m.s2s");
        m.save(s2s);
        assertEquals(0, run("summary", s2s.toString()), err.toString());
        assertTrue(out.toString().contains(" Total params: " + String.format(java.util.Locale.ROOT, "%,d", m.countParams())),
                out.toString());
        Path rus = Goldens.SHARED.resolve("data/keras3-s2s-rus-studsch/s2s_model.keras");
        assumeTrue(Files.exists(rus), "skipped: no shared data at " + rus);
        assertEquals(0, run("summary", rus.toString()), err.toString());
        assertTrue(out.toString().contains(" Total params: 263,304 "), out.toString());   // (86+128+1)*512 + (136+128+1)*512 + 129*136
    }

    @Test
    void badFilesGiveOneLineAndExitCode2() throws IOException {
        Path s2s = dir.resolve("m.s2s");
        twoInputs().save(s2s);
        Path newer = dir.resolve("newer.s2s");
        rewriteMetadata(s2s, newer);
        byte[] bytes = Files.readAllBytes(s2s);
        Path damaged = Files.write(dir.resolve("damaged.s2s"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(dir.resolve("missing.s2s").toString(), "file not found");
        cases.put(dir.toString(), "is a directory");
        cases.put(text.toString(), "not valid JSON");
        cases.put(newer.toString(), "format version 2 was written by a newer seq2seq4j");
        cases.put(damaged.toString(), "not a readable zip");
        for (String cmd : new String[] {"summary", "convert", "predict"}) {
            cases.forEach((file, message) -> {
                String[] args = cmd.equals("summary") ? new String[] {cmd, file} : cmd.equals("convert")
                        ? new String[] {cmd, file, dir.resolve("o.s2s").toString()}
                        : new String[] {cmd, file, "--input", "x.npy", "--output-dir", dir.resolve("o").toString()};
                assertEquals(2, run(args), cmd + " " + file + ": " + err);
                String line = err.toString().strip();
                assertEquals(1, line.lines().count(), line);
                assertTrue(line.startsWith("seq2seq4j " + cmd + ": ") && line.contains(message), line);
            });
        }
    }

    private static void rewriteMetadata(Path src, Path dst) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(src.toFile());
                java.util.zip.ZipOutputStream o = new java.util.zip.ZipOutputStream(Files.newOutputStream(dst))) {
            for (java.util.Enumeration<? extends java.util.zip.ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                java.util.zip.ZipEntry x = e.nextElement();
                byte[] b = z.getInputStream(x).readAllBytes();
                if (x.getName().equals("metadata.json")) {
                    b = new String(b, StandardCharsets.UTF_8).replace("\"format_version\": 1", "\"format_version\": 2")
                            .getBytes(StandardCharsets.UTF_8);
                }
                o.putNextEntry(new java.util.zip.ZipEntry(x.getName()));
                o.write(b);
                o.closeEntry();
            }
        }
    }
}
