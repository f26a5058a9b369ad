package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The native weights file: exact layout, round trip, exact resume, damage and crash safety. */
class WeightsFileTest {
    @TempDir
    Path dir;

    /** Dense(2) on 3 features then Dense(1): weights (3, 2), (2), (2, 1), (1) = 11 values. */
    private static Sequential model(long seed, int hidden) {
        Seq2Seq4j.seed(seed);
        Sequential m = new Sequential().add(new Dense(hidden).name("d1").inputShape(3)).add(new Dense(1).name("d2"));
        m.compile(new Adam().learningRate(0.05), Losses.get("mse"));
        return m;
    }

    private static Tensor[] data() {
        Tensor x = Tensor.random(Shape.of(8, 3), 7);
        Tensor y = Tensor.random(Shape.of(8, 1), 8);
        return new Tensor[] {x, y};
    }

    private static void train(Sequential m, int epochs) {
        Tensor[] d = data();
        m.fit(d[0], d[1], new FitOptions().batchSize(4).epochs(epochs).shuffle(false).verbose(0));
    }

    /** Saves {@code m}'s weights to {@code a.weights.s2s} in the test directory. */
    private Path saved(Sequential m) {
        Path f = dir.resolve("a.weights.s2s");
        m.saveWeights(f);
        return f;
    }

    private static List<float[]> values(Sequential m) {
        List<float[]> out = new ArrayList<>();
        m.getWeights().forEach(t -> out.add(t.data()));
        return out;
    }

    private static void assertSameWeights(List<float[]> expected, Sequential m) {
        List<float[]> actual = values(m);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "weight " + i);
        }
    }

    @Test
    void layoutIsExactlyAsDocumented() throws IOException {
        Sequential m = model(1, 2);
        Path f = dir.resolve("m.weights.s2s");
        WeightsFile.save(m, f);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("S2SW", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b[4]);
        // entries "layers/0/Dense/vars/0" (21 bytes, kernel rank 2), ".../vars/1" (bias, rank 1), then layer 1 alike
        int header = 2 * ((2 + 21 + 2 + 8 + 8) + (2 + 21 + 2 + 4 + 8));
        assertEquals(header, bb.getInt(5));
        assertEquals(4, bb.getInt(9));
        assertEquals(13 + header + 4 * 11 + 4, b.length);
        assertEquals("layers/0/Dense/vars/0", new String(b, 13 + 2, 21, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(3, bb.getInt(13 + 2 + 21 + 2));                  // d1/kernel dims (3, 2)
        assertEquals(13 + header, bb.getLong(13 + 2 + 21 + 2 + 8));     // its data offset
        assertEquals(m.getWeights().get(0).data()[0], bb.getFloat(13 + header));
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        assertEquals((int) crc.getValue(), bb.getInt(b.length - 4));
    }

    @Test
    void weightsAndOptimizerStateResumeTrainingExactly() {
        Sequential a = model(1, 2);
        train(a, 2);
        Path f = dir.resolve("ckpt.weights.s2s");
        WeightsFile.save(a, a.optimizer(), f);
        Sequential b = model(99, 2);
        WeightsFile.load(b, b.optimizer(), f);
        assertSameWeights(values(a), b);
        Map<String, Tensor> sa = a.optimizer().state();
        Map<String, Tensor> sb = b.optimizer().state();
        assertEquals(sa.keySet(), sb.keySet());
        sa.forEach((k, t) -> assertArrayEquals(t.data(), sb.get(k).data(), k));
        assertEquals(4f, sb.get("iterations").item());                 // 2 epochs x 2 batches
        train(a, 1);
        train(b, 1);
        assertSameWeights(values(a), b);
    }

    @Test
    void modelSaveWeightsAndLoadWeightsRoundTripWithoutOptimizer() {
        Sequential a = model(1, 2);
        train(a, 1);
        Path f = dir.resolve("w.weights.s2s");
        a.saveWeights(f);
        Sequential b = model(2, 2);
        b.loadWeights(f);
        assertSameWeights(values(a), b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> WeightsFile.load(b, b.optimizer(), f));
        assertTrue(e.getMessage().contains("saved without optimizer state"), e.getMessage());
    }

    @Test
    void everyTruncationIsRejectedAndChangesNothing() throws IOException {
        Sequential a = model(1, 2);
        Path good = dir.resolve("a.weights.s2s");
        WeightsFile.save(a, a.optimizer(), good);
        byte[] b = Files.readAllBytes(good);
        Sequential target = model(5, 2);
        List<float[]> before = values(target);
        Path f = dir.resolve("cut.weights.s2s");
        for (int n = 0; n < b.length; n++) {
            Files.write(f, java.util.Arrays.copyOf(b, n));
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> WeightsFile.load(target, target.optimizer(), f), "truncated to " + n);
            assertEquals(f.toString(), e.file());
            assertTrue(e.location().startsWith("byte "), e.getMessage());
        }
        assertSameWeights(before, target);
    }

    @Test
    void everyFlippedByteIsRejectedAndChangesNothing() throws IOException {
        Sequential a = model(1, 2);
        train(a, 1);
        Path good = dir.resolve("a.weights.s2s");
        WeightsFile.save(a, a.optimizer(), good);
        byte[] b = Files.readAllBytes(good);
        Sequential target = model(5, 2);
        List<float[]> before = values(target);
        Path f = dir.resolve("flip.weights.s2s");
        for (int i = 0; i < b.length; i++) {
            byte[] d = b.clone();
            d[i] ^= (byte) (1 << (i % 8));
            Files.write(f, d);
            assertThrows(ModelFormatException.class, () -> WeightsFile.load(target, target.optimizer(), f), "byte " + i);
        }
        assertSameWeights(before, target);
    }

    @Test
    void wrongMagicAndVersionNameTheirByte() throws IOException {
        Sequential a = model(1, 2);
        Path f = saved(a);
        byte[] b = Files.readAllBytes(f);
        b[0] = 'P';
        Files.write(f, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> a.loadWeights(f));
        assertEquals("byte 0", e.location());
        assertTrue(e.getMessage().contains("bad magic number 0x50325357"), e.getMessage());
        b[0] = 'S';
        b[4] = 2;
        Files.write(f, b);
        e = assertThrows(ModelFormatException.class, () -> a.loadWeights(f));
        assertEquals("byte 4", e.location());
        assertTrue(e.getMessage().contains("version 2 is not supported"), e.getMessage());
    }

    @Test
    void oversizedHeaderLengthAndEntryCountAreRejectedBeforeAllocating() throws IOException {
        Sequential a = model(1, 2);
        Path f = saved(a);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(5, Integer.MAX_VALUE);
        Files.write(f, b);
        assertEquals("byte 5", assertThrows(ModelFormatException.class, () -> a.loadWeights(f)).location());
        WeightsFile.save(a, f);
        b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(9, 1_000_000);
        Files.write(f, b);
        assertEquals("byte 9", assertThrows(ModelFormatException.class, () -> a.loadWeights(f)).location());
    }

    @Test
    void nanWithAValidChecksumIsRejectedAtItsByteOffset() throws IOException {
        Sequential a = model(1, 2);
        Path f = saved(a);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long dataStart = 13 + bb.getInt(5);
        long bias = dataStart + 4 * 6;                                // d1/bias follows the 6 kernel values
        bb.putFloat((int) bias + 4, Float.NaN);                       // d1/bias[1]
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        bb.putInt(b.length - 4, (int) crc.getValue());
        Files.write(f, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> a.loadWeights(f));
        assertEquals("byte " + (bias + 4), e.location());
        assertTrue(e.getMessage().contains("weight 'layers/0/Dense/vars/1' holds NaN at index 1"), e.getMessage());
    }

    @Test
    void aFileOfAnotherArchitectureIsRejectedWithTheEntryAndBothShapesButLayerNamesDoNotMatter() {
        Sequential a = model(1, 2);
        Path f = saved(a);
        Sequential wider = model(1, 4);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> wider.loadWeights(f));
        assertTrue(e.getMessage().contains("weight 'layers/0/Dense/vars/0' has shape (3, 2) but weight 'd1/kernel' of "
                + "Sequential '" + wider.name() + "' is (3, 4)"), e.getMessage());
        Seq2Seq4j.seed(1);
        Sequential deeper = new Sequential().add(new Dense(2).name("d1").inputShape(3)).add(new Dense(1).name("d2"))
                .add(new Dense(1).name("d3"));
        e = assertThrows(ModelFormatException.class, () -> deeper.loadWeights(f));
        assertTrue(e.getMessage().contains("has no weight 'layers/2/Dense/vars/0' (1, 1) for weight 'd3/kernel'"),
                e.getMessage());
        Sequential renamed = new Sequential().add(new Dense(2).inputShape(3)).add(new Dense(1).name("out"));
        renamed.loadWeights(f);
        assertSameWeights(values(a), renamed);
    }

    @Test
    void optimizerStateOfAnotherOptimizerIsRejected() {
        Sequential a = model(1, 2);
        train(a, 1);
        Path f = dir.resolve("adam.weights.s2s");
        WeightsFile.save(a, a.optimizer(), f);
        Sequential b = model(1, 2);
        b.compile(new org.seq2seq4j.optimizers.RMSprop(), Losses.get("mse"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> WeightsFile.load(b, b.optimizer(), f));
        assertTrue(e.getMessage().contains("has no optimizer state 'rmsprop/"), e.getMessage());
    }

    @Test
    void anUnbuiltModelCannotLoad() {
        Sequential a = model(1, 2);
        Path f = saved(a);
        Sequential unbuilt = new Sequential().add(new Dense(2)).add(new Dense(1));
        Seq2SeqException e = assertThrows(Seq2SeqException.class, () -> unbuilt.loadWeights(f));
        assertTrue(e.getMessage().contains("is not built"), e.getMessage());
    }

    @Test
    void aCrashWhileWritingLeavesThePreviousFileIntact() throws IOException {
        Sequential a = model(1, 2);
        Path f = saved(a);
        byte[] before = Files.readAllBytes(f);
        List<WeightsWriter.Item> items = List.of(
                new WeightsWriter.Item("ok", WeightsFormat.Kind.WEIGHT, Shape.of(40_000), () -> new float[40_000]),
                new WeightsWriter.Item("boom", WeightsFormat.Kind.WEIGHT, Shape.of(2), () -> {
                    throw new IllegalStateException("disk on fire");
                }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeightsWriter.write(f, items));
        assertEquals("disk on fire", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
        a.loadWeights(f);
    }

    @Test
    void nonFiniteWeightsAreNotSavedAndThePreviousFileStays() throws IOException {
        Sequential a = model(1, 2);
        Path f = saved(a);
        byte[] before = Files.readAllBytes(f);
        a.weights().get(1).value().data()[0] = Float.POSITIVE_INFINITY;
        Seq2SeqException e = assertThrows(Seq2SeqException.class, () -> a.saveWeights(f));
        assertTrue(e.getMessage().contains("weight 'layers/0/Dense/vars/1' holds Infinity at index 0"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }
}
