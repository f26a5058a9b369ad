package org.seq2seq4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.seq2seq.Decoder;

/**
 * Distributed decoding in Spark {@code local[2]}: 1,000 sentences in two partitions give, line for
 * line, what one machine gives for all of them at once (greedy; beam search on 200), from a model
 * file broadcast from the driver or read from a shared path; a DataFrame keeps its ids; bad input
 * fails naming the path or the row.
 */
class SparkTranslateTest {
    private static final CharTranslator.Spec SPEC = new CharTranslator.Spec(11, 12, 16);
    @TempDir
    static Path dir;
    private static Path modelFile;

    @BeforeAll
    static void model() {
        modelFile = dir.resolve("chars.s2s");
        CharTranslator.save(SPEC, 3, modelFile);
    }

    private static CharTranslator greedy(Path modelFile) {
        return CharTranslator.load(SPEC, modelFile, Decoder.greedy());
    }

    private static CharTranslator beam(Path modelFile) {
        return CharTranslator.load(SPEC, modelFile, Decoder.beam(3));
    }

    private static CharTranslator greedy(SharedFile file) {
        return CharTranslator.load(SPEC, file, Decoder.greedy());
    }

    private static CharTranslator beam(SharedFile file) {
        return CharTranslator.load(SPEC, file, Decoder.beam(3));
    }

    private static void assertSameAsOneMachine(List<String> sentences, SentenceTranslator single,
                                               List<TranslatedRow> spark) {
        List<SentenceTranslator.Result> expected = single.translate(sentences);
        assertEquals(sentences.size(), spark.size());
        int nonEmpty = 0;
        for (int i = 0; i < sentences.size(); i++) {
            TranslatedRow t = spark.get(i);
            assertEquals(i, t.id(), "row " + i);
            assertEquals(expected.get(i).text(), t.translation(), "sentence " + i + " '" + sentences.get(i) + "'");
            assertEquals(expected.get(i).score(), t.score(), 1e-4, "sentence " + i);
            nonEmpty += t.translation().isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > sentences.size() / 2, "most translations have tokens");
    }

    @Test
    void greedyDecodingOfAThousandLinesEqualsOneMachine() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        List<String> sentences = CharTranslator.sentences(SPEC, 1000, 30, 7);
        SharedFile file = SharedFile.broadcast(sc, modelFile);
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> greedy(file))).computeThreads(1);
        List<TranslatedRow> out = t.translateLines(sc.parallelize(sentences, 2)).collect();
        assertSameAsOneMachine(sentences, greedy(modelFile), out);
    }

    @Test
    void beamSearchFromASharedPathEqualsOneMachine() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        List<String> sentences = CharTranslator.sentences(SPEC, 200, 30, 8);
        SharedFile file = SharedFile.shared(modelFile.toUri().toString());
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> beam(file))).window(64);
        List<TranslatedRow> out = t.translateLines(sc.parallelize(sentences, 2)).collect();
        assertSameAsOneMachine(sentences, beam(modelFile), out);
    }

    @Test
    void aDataFrameKeepsItsIdsAndCanBeOrderedById() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        List<String> sentences = CharTranslator.sentences(SPEC, 40, 30, 9);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            rows.add(RowFactory.create(1000L - i, sentences.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
        SharedFile file = SharedFile.broadcast(sc, modelFile);
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> greedy(file))).orderById(true);
        List<Row> out = t.translate(spark.createDataFrame(rows, schema).repartition(2)).collectAsList();
        List<SentenceTranslator.Result> expected = greedy(modelFile).translate(sentences);
        assertEquals(List.of("id", "translation", "score"), List.of(out.get(0).schema().fieldNames()));
        for (int k = 0; k < out.size(); k++) {
            int i = sentences.size() - 1 - k;              // ascending ids: the last sentence first
            assertEquals(1000L - i, out.get(k).getLong(0));
            assertEquals(expected.get(i).text(), out.get(k).getString(1), "id " + (1000 - i));
        }
    }

    @Test
    void anEmptyCorpusGivesNoRows() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> {
            throw new IllegalStateException("no translator is loaded for no rows");
        }));
        assertEquals(List.of(), t.translateLines(sc.parallelize(List.<String>of(), 2)).collect());
    }

    @Test
    void anUnreadableModelPathNamesThePathAndTheExecutor() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        SharedFile file = SharedFile.shared(dir.resolve("missing.s2s").toString());
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> greedy(file)));
        JavaRDD<TranslatedRow> out = t.translateLines(sc.parallelize(List.of("abc", "de"), 2));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SparkJobs.run("translate", out::collect));
        assertEquals(dir.resolve("missing.s2s").toString(), e.file());
        assertEquals("on executor driver", e.location());
        assertTrue(e.getMessage().contains("FileNotFoundException"), e.getMessage());
    }

    @Test
    void aDamagedModelFileIsNamedAsGiven() throws java.io.IOException {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        Path damaged = java.nio.file.Files.write(dir.resolve("damaged.s2s"), new byte[] {'P', 'K', 3, 4, 0, 0});
        SharedFile file = SharedFile.broadcast(sc, damaged);
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> greedy(file)));
        JavaRDD<TranslatedRow> out = t.translateLines(sc.parallelize(List.of("abc"), 1));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SparkJobs.run("translate", out::collect));
        assertEquals(damaged.toString(), e.file());
        assertTrue(e.location().contains("on executor driver"), e.getMessage());
    }

    @Test
    void aRowWithoutTextIsNamed() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(5, "abc"), RowFactory.create(6, null)),
                schema).coalesce(1);
        SharedFile file = SharedFile.broadcast(sc, modelFile);
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> greedy(file)));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SparkJobs.run("translate", () -> t.translate(in).collectAsList()));
        assertEquals("SparkTranslate input (partition 0, row 1 (id 6)): has no text (null)", e.getMessage());
        ConfigException c = assertThrows(ConfigException.class, () -> t.translate(in.withColumnRenamed("text", "src")));
        assertTrue(c.getMessage().contains("column 'text'") && c.getMessage().contains("[id, src]"), c.getMessage());
    }
}
