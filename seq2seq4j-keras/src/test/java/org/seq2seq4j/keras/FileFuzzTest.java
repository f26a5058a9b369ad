package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Models;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.testing.Goldens;
import org.seq2seq4j.testing.LayerExamples;

/**
 * Seeded fuzzing of every reader (native {@code .s2s}, Keras 3 {@code .keras}, Keras 2 {@code .h5},
 * TF.js {@code model.json}): mutated copies of small seed files (bit flips, truncations, runs of
 * 0xFF that declare huge sizes, zeroed runs; for zips also entries with {@code ../} paths, a
 * deflate bomb and duplicated entries) must give a {@link ModelFormatException} or load, within 2 s
 * each, writing nothing. {@code -Dseq2seq4j.fuzz.count=N} sets the files per reader (the suite runs a
 * short subset; {@code mvn verify -Pfuzz} runs 1,000 per reader).
 */
class FileFuzzTest {
    private static final int COUNT = Integer.getInteger("seq2seq4j.fuzz.count", 40);
    private static final long SEED = Long.getLong("seq2seq4j.fuzz.seed", 20260101L);

    @TempDir
    Path dir;

    /** A reader under test: the seed file's name and how to load a file of that kind. */
    record Reader(String name, Function<Path, Path> seed, Function<Path, Model> load) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Reader> readers() {
        return Stream.of(
                new Reader("native .s2s", d -> save(d.resolve("seed.s2s"), true), Models::load),
                new Reader("Keras 3 .keras", d -> save(d.resolve("seed.keras"), false), KerasModels::load),
                new Reader("Keras 2 .h5", d -> copy(Goldens.SHARED.resolve("data/keras2-s2s-sql-kashdog/s2s.h5"),
                        d.resolve("seed.h5")), KerasModels::load),
                new Reader("TF.js model.json", d -> {
                    Path src = Goldens.DIR.resolve("artifacts/seq2seq_sequential");
                    copy(src.resolve("group1-shard1of1.bin"), d.resolve("group1-shard1of1.bin"));
                    return copy(src.resolve("model.json"), d.resolve("model.json"));
                }, KerasModels::load));
    }

    private static Path save(Path file, boolean nativeFormat) {
        Model m = LayerExamples.of("LSTM").model().get();
        m.compile("adam", "mse");
        if (nativeFormat) {
            m.assets().put("vocabulary/source.json", new byte[] {'[', ']'});
            m.save(file);
        } else {
            KerasModels.save(m, file);
        }
        return file;
    }

    private static Path copy(Path from, Path to) {
        assumeTrue(Files.exists(from), "skipped: no shared file at " + from);
        try {
            return Files.copy(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void mutatedFilesGiveOnlyTheTypedException(Reader reader) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path seed = reader.seed().apply(work);
        byte[] original = Files.readAllBytes(seed);
        boolean zip = original[0] == 'P' && original[1] == 'K';
        reader.load().apply(seed);                                   // the seed itself loads
        List<String> before = listing(work);
        SplittableRandom random = new SplittableRandom(SEED ^ reader.name().hashCode());
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        List<String> problems = new ArrayList<>();
        int rejected = 0;
        try {
            for (int i = 0; i < COUNT; i++) {
                String[] what = new String[1];
                byte[] mutant = mutate(original, zip, random, what);
                Files.write(seed, mutant);
                Future<Model> f = pool.submit(() -> reader.load().apply(seed));
                try {
                    f.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    problems.add(i + " " + what[0] + ": no answer within 2 s");
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof ModelFormatException) {
                        rejected++;
                    } else {
                        problems.add(i + " " + what[0] + ": " + e.getCause());
                    }
                }
                assertEquals(before, listing(work), "file " + i + " (" + what[0] + ") made the reader write files");
            }
        } finally {
            pool.shutdownNow();
            Files.write(seed, original);
        }
        System.out.println("fuzz " + reader + ": " + COUNT + " mutated files, " + rejected + " rejected with"
                + " ModelFormatException, " + (COUNT - rejected - problems.size()) + " loaded, " + problems.size()
                + " other outcomes");
        assertTrue(problems.isEmpty(), problems.size() + " files gave something else than ModelFormatException: "
                + problems.subList(0, Math.min(10, problems.size())));
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d.getParent())) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    private static byte[] mutate(byte[] in, boolean zip, SplittableRandom r, String[] what) throws IOException {
        int kind = r.nextInt(zip ? 8 : 5);
        byte[] b = in.clone();
        switch (kind) {
            case 0 -> {
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                what[0] = n + " bit flips";
            }
            case 1 -> {
                int len = r.nextInt(b.length);
                what[0] = "truncated to " + len;
                return java.util.Arrays.copyOf(b, len);
            }
            case 2 -> {
                int at = r.nextInt(b.length);
                int n = 1 + r.nextInt(8);
                for (int k = at; k < Math.min(b.length, at + n); k++) {
                    b[k] = (byte) 0xFF;
                }
                what[0] = n + " bytes of 0xFF at " + at;
            }
            case 3 -> {
                int at = r.nextInt(b.length);
                int n = 1 + r.nextInt(64);
                for (int k = at; k < Math.min(b.length, at + n); k++) {
                    b[k] = 0;
                }
                what[0] = n + " zero bytes at " + at;
            }
            case 4 -> {
                int at = r.nextInt(b.length);
                b[at] = (byte) r.nextInt(256);
                int at2 = r.nextInt(b.length);
                b[at2] = (byte) '9';
                what[0] = "bytes changed at " + at + " and " + at2;
            }
            case 5 -> {
                what[0] = "extra entry ../escape.txt";
                return withEntry(in, "../escape.txt", new byte[] {1, 2, 3});
            }
            case 6 -> {
                what[0] = "deflate bomb entry";
                return withEntry(in, "assets/bomb", new byte[200 << 20]);
            }
            default -> {
                what[0] = "the first entry again, as a directory name";
                return withEntry(in, null, null);
            }
        }
        return b;
    }

    /** The zip with one more deflated entry appended (or, with a null name, its first entry's data again). */
    private static byte[] withEntry(byte[] zipBytes, String name, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zipBytes));
                ZipOutputStream z = new ZipOutputStream(out)) {
            byte[] firstData = null;
            String first = null;
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] d = in.readAllBytes();
                if (first == null) {
                    first = e.getName();
                    firstData = d;
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(d);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name == null ? first + "/" : name));
            z.write(name == null ? firstData : data);
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
