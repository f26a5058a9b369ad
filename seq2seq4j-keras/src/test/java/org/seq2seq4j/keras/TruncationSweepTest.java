package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.models.Model;

/**
 * Damaged model files never load silently: every real {@code .h5} of the shared data folder (and
 * the {@code model.weights.h5} inside each {@code .keras}, and the {@code .keras} zips themselves)
 * is cut at 30+ points, among them 1, 16 and 4,096 bytes from the end, and loaded through the
 * public API. Every cut must give a {@link ModelFormatException} (never another exception, never
 * a load), and a cut that leaves the superblock readable must say "truncated". The files are read
 * from ../shared and cut copies exist only in a temporary folder or in memory.
 */
class TruncationSweepTest {
    @TempDir
    Path tmp;

    /** Bytes cut from the end: the required 1, 16 and 4096, small and power-of-two neighbours, and fractions. */
    static List<Long> cuts(long size) {
        TreeSet<Long> c = new TreeSet<>(List.of(1L, 2L, 3L, 4L, 7L, 8L, 15L, 16L, 17L, 31L, 64L, 100L, 255L, 256L,
                511L, 1000L, 1024L, 2047L, 3000L, 4000L, 4095L, 4096L, 4097L, 8192L, 16_384L, 65_536L));
        for (long f = 1; f < 8; f++) {
            c.add(size * f / 8);
        }
        c.add(size - 100);
        c.add(size - 8);
        c.removeIf(n -> n <= 0 || n >= size);
        return new ArrayList<>(c);
    }

    @Test
    void everyCutOfEveryRealHdf5FileIsAModelFormatException() throws IOException {
        List<Path> files = RealFiles.h5Files();
        assumeTrue(!files.isEmpty(), "skipped: no shared data at " + RealFiles.DATA);
        Map<String, Integer> byType = new TreeMap<>();
        int runs = 0;
        for (Path file : files) {
            byte[] all = Files.readAllBytes(file);
            Function<Path, Model> load = loader(file);
            load.apply(file);                          // the whole file loads
            List<Long> cuts = cuts(all.length);
            assertTrue(cuts.size() >= 30 && cuts.containsAll(List.of(1L, 16L, 4096L)), file + " cuts " + cuts);
            Path cut = tmp.resolve(file.getFileName());
            for (long n : cuts) {
                Files.write(cut, java.util.Arrays.copyOf(all, (int) (all.length - n)));
                Throwable t = outcome(() -> load.apply(cut));
                byType.merge(t == null ? "loaded" : t.getClass().getSimpleName(), 1, Integer::sum);
                runs++;
                if (!(t instanceof ModelFormatException e)) {
                    fail(file + " cut by " + n + " bytes: expected a ModelFormatException but got " + t, t);
                    return;
                }
                if (all.length - n >= 64) {
                    assertTrue(e.getMessage().contains("truncated"), file + " cut by " + n + ": " + e.getMessage());
                }
            }
        }
        System.out.println("truncation sweep: " + files.size() + " .h5 files, " + runs + " cuts: " + byType);
        assertEquals(Map.of("ModelFormatException", runs), byType);
    }

    @Test
    void everyCutOfTheKeras3WeightsAndZipsIsAModelFormatException() throws IOException {
        List<Path> files = RealFiles.kerasFiles();
        assumeTrue(!files.isEmpty(), "skipped: no shared data at " + RealFiles.DATA);
        Map<String, Integer> byType = new TreeMap<>();
        int runs = 0;
        for (Path file : files) {
            Model model = KerasModels.load(file);
            byte[] weights = KerasArchive.read(file).entry("model.weights.h5");
            byte[] zip = Files.readAllBytes(file);
            Path cutZip = tmp.resolve(file.getFileName());
            for (long n : cuts(weights.length)) {
                byte[] cut = java.util.Arrays.copyOf(weights, (int) (weights.length - n));
                Throwable t = outcome(() -> {
                    try (H5File h5 = H5File.fromBytes(cut, file + "!/model.weights.h5")) {
                        KerasH5.loadWeights(model, h5, false, false);
                    }
                    return null;
                });
                byType.merge("weights " + (t == null ? "loaded" : t.getClass().getSimpleName()), 1, Integer::sum);
                runs++;
            }
            for (long n : cuts(zip.length)) {
                Files.write(cutZip, java.util.Arrays.copyOf(zip, (int) (zip.length - n)));
                Throwable t = outcome(() -> KerasModels.load(cutZip));
                byType.merge("zip " + (t == null ? "loaded" : t.getClass().getSimpleName()), 1, Integer::sum);
                runs++;
            }
        }
        System.out.println("truncation sweep: " + files.size() + " .keras files (weights entry and zip), " + runs
                + " cuts: " + byType);
        assertEquals(List.of("weights ModelFormatException", "zip ModelFormatException"), List.copyOf(byType.keySet()));
    }

    @Test
    void dataPastTheDeclaredEndOfFileIsCaughtByTheExtentCheck() throws IOException {
        Path kashdog = RealFiles.DATA.resolve("keras2-s2s-sql-kashdog/s2s.h5");
        assumeTrue(Files.isRegularFile(kashdog), "skipped: no shared data at " + RealFiles.DATA);
        byte[] all = Files.readAllBytes(kashdog);
        assertEquals(0, all[8], "superblock version 0 (end-of-file address at byte 40)");
        long end = 0;                                     // where the last weight's data ends
        try (H5File h5 = H5File.open(kashdog)) {
            for (io.jhdf.api.Dataset d : h5.datasets(h5.group(h5.root(), "model_weights"))) {
                end = Math.max(end, ((io.jhdf.api.dataset.ContiguousDataset) d).getDataAddress() + d.getSizeInBytes());
            }
        }
        byte[] cut = all.clone();                         // every byte kept, the declared end moved into a weight
        java.nio.ByteBuffer.wrap(cut).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(40, end - 2);
        Path file = Files.write(tmp.resolve("s2s.h5"), cut);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasH5.load(file));
        assertTrue(e.getMessage().contains("truncated or damaged: the data lies at bytes"), e.getMessage());
        assertTrue(e.location().startsWith("/model_weights/"), e.location());
    }

    @Test
    void aMissingFileAndADirectoryGetDifferentMessages() {
        ModelFormatException missing = assertThrows(ModelFormatException.class,
                () -> KerasH5.load(tmp.resolve("absent.h5")));
        ModelFormatException dir = assertThrows(ModelFormatException.class, () -> KerasH5.load(tmp));
        assertTrue(missing.getMessage().endsWith("file not found"), missing.getMessage());
        assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
        assertTrue(assertThrows(ModelFormatException.class, () -> KerasModels.load(tmp)).getMessage()
                .contains("is a directory"));
    }

    @Test
    void theWholeFileStillLoadsTheSameWeights() {
        assumeTrue(!RealFiles.h5Files().isEmpty(), "skipped: no shared data at " + RealFiles.DATA);
        Path kashdog = RealFiles.DATA.resolve("keras2-s2s-sql-kashdog/s2s.h5");
        Model a = KerasH5.load(kashdog);
        Model b = KerasModels.load(kashdog);
        for (int i = 0; i < a.weights().size(); i++) {
            assertArrayEquals(a.weights().get(i).value().data(), b.weights().get(i).value().data());
        }
    }

    /** How a real file is loaded: full models alone, weights-only files into the model of the folder's JSON. */
    private static Function<Path, Model> loader(Path file) {
        if (RealFiles.isFullModel(file)) {
            return p -> KerasH5.load(p, RealFiles.customObjects(file));
        }
        Path json = RealFiles.architecture(file);
        return p -> {
            Model m = KerasJson.load(json);
            KerasH5.loadWeights(m, p);
            return m;
        };
    }

    private interface Load {
        Object run();
    }

    private static Throwable outcome(Load load) {
        try {
            load.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
