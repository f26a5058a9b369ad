package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Goldens;

/** TSV reading, the seeded split, bucketing and one-hot encoding. */
class DataPipelineTest {
    @TempDir
    Path dir;

    @Test
    void tsvSkipsAndCountsBadLines() throws IOException {
        Path f = dir.resolve("c.tsv");
        Files.writeString(f, "\uFEFFGo.\tVa !\tCC-BY 2.0 (France) Attribution\r\n\nno tab here\n   \nHi.\tSalut !\n"
                + "x\ty\nlast\tno newline");
        List<SentencePair> pairs = new ArrayList<>();
        TsvReport report;
        try (TsvReader r = TsvReader.open(f)) {
            r.forEach(pairs::add);
            report = r.report();
        }
        assertEquals(List.of(new SentencePair("Go.", "Va !", 1), new SentencePair("Hi.", "Salut !", 5),
                new SentencePair("x", "y", 6), new SentencePair("last", "no newline", 7)), pairs);
        assertEquals(new TsvReport(7, 4, 2, 1, List.of(3L)), report);
        assertEquals("7 lines: 4 pairs, 2 blank, 1 malformed (line 3)", report.toString());
        try (TsvReader r = TsvReader.open(f).limit(2).columns(1, 0)) {
            assertEquals(List.of(new SentencePair("Va !", "Go.", 1)), r.stream().toList());
            assertEquals(new TsvReport(2, 1, 1, 0, List.of()), r.report());
        }
    }

    @Test
    void tsvRejectsWhatIsNotText() throws IOException {
        Path latin1 = dir.resolve("latin1.tsv");
        Files.write(latin1, "ok\tfine\ncaf\u00e9\tx\n".getBytes(StandardCharsets.ISO_8859_1));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            try (TsvReader r = TsvReader.open(latin1)) {
                r.forEach(p -> { });
            }
        });
        assertEquals(latin1 + " (line 2): is not UTF-8 text", e.getMessage());
        assertThrows(ModelFormatException.class, () -> TsvReader.open(dir.resolve("none.tsv")).iterator());
        TsvReader once = TsvReader.open(latin1).limit(1);
        once.iterator();
        assertThrows(IllegalStateException.class, once::iterator);
        once.close();
    }

    @Test
    void tsvReadsTheWholeManythingsFile() {
        Path file = Goldens.SHARED.resolve("data/dataset-fra-eng-manythings/fra_eng_76k_2col.txt");
        assumeTrue(Files.exists(file), "skipped: no shared data at " + file);
        SentencePair[] last = new SentencePair[1];
        try (TsvReader r = TsvReader.open(file)) {
            r.forEach(p -> last[0] = p);
            // PROVENANCE.md: 76,038 lines, 2 columns, the last one truncated without newline
            assertEquals(new TsvReport(76_038, 76_038, 0, 0, List.of()), r.report());
        }
        assertEquals(new SentencePair("My wisdom teeth are coming in.", "Mes dents ", 76_038), last[0]);
    }

    @Test
    void splitIsSeededDisjointAndSizedAsKeras() {
        List<Integer> items = IntStream.range(0, 101).boxed().toList();
        DataSplit<Integer> a = DataSplit.of(items, 0.2, 42);
        assertEquals(81, a.train().size());          // ceil(101 * 0.8) = ceil(80.8)
        assertEquals(20, a.validation().size());
        Set<Integer> all = new HashSet<>(a.train());
        all.addAll(a.validation());
        assertEquals(new HashSet<>(items), all);
        assertEquals(a, DataSplit.of(items, 0.2, 42));
        assertNotEquals(a, DataSplit.of(items, 0.2, 43));
        assertNotEquals(items.subList(0, 81), a.train());   // shuffled
        assertEquals(items, DataSplit.of(items, 0.0, 1).train().stream().sorted().toList());
        assertThrows(org.seq2seq4j.ConfigException.class, () -> DataSplit.of(items, 1.0, 1));
    }

    @Test
    void bucketsHoldSimilarLengths() {
        int[] lengths = {3, 12, 5, 14, 4, 11, 30, 9, 10};
        List<int[]> batches = Bucketing.batches(lengths, new int[] {10, 20}, 2, 7);
        // buckets: [0,10) = {0, 2, 4, 7}, [10,20) = {1, 3, 5, 8}, [20,..) = {6}: 2 + 2 + 1 batches
        assertEquals(5, batches.size());
        Set<Integer> seen = new HashSet<>();
        for (int[] b : batches) {
            int bucket = bucket(lengths[b[0]]);
            for (int i : b) {
                assertEquals(bucket, bucket(lengths[i]), "sample " + i);
                assertTrue(seen.add(i));
            }
        }
        assertEquals(lengths.length, seen.size());
        List<int[]> again = Bucketing.batches(lengths, new int[] {10, 20}, 2, 7);
        for (int k = 0; k < batches.size(); k++) {
            assertArrayEquals(batches.get(k), again.get(k));
        }
    }

    private static int bucket(int length) {
        return length < 10 ? 0 : length < 20 ? 1 : 2;
    }

    @Test
    void oneHotRowsAndZeroPadding() {
        Tensor x = OneHot.encode(List.of(new int[] {2, 0}, new int[] {1}, new int[] {-1, 3}), 3, 4);
        assertArrayEquals(new int[] {3, 3, 4}, x.shape().dims());
        float[] expected = new float[36];
        expected[2] = 1;            // [0, 0, 2]
        expected[4] = 1;            // [0, 1, 0]
        expected[12 + 1] = 1;       // [1, 0, 1]
        expected[24 + 4 + 3] = 1;   // [2, 1, 3]; [2, 0] is -1: zero row
        assertArrayEquals(expected, x.data());
        assertThrows(org.seq2seq4j.ConfigException.class, () -> OneHot.encode(List.of(new int[] {4}), 1, 4));
        assertThrows(org.seq2seq4j.ConfigException.class, () -> OneHot.encode(List.of(new int[] {1, 1}), 1, 4));
    }
}
