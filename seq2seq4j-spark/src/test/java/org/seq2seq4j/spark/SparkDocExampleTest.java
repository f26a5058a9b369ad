package org.seq2seq4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the Spark module's public types, copied word for word, with their stated results checked. */
class SparkDocExampleTest {
    private final JavaSparkContext sc = LocalSpark.context("local[2]");

    @TempDir
    Path dir;

    @Test
    void example() {
        Tensor encoderIn = Tensor.random(Shape.of(6, 5, 7), 1);
        Tensor decoderIn = Tensor.random(Shape.of(6, 4, 3), 2);
        Tensor decoderTarget = Tensor.random(Shape.of(6, 4, 3), 3);
        List<Example> rows = Example.rows(List.of(encoderIn, decoderIn), List.of(decoderTarget));   // split on axis 0
        JavaRDD<Example> data = sc.parallelize(rows, 2);
        // rows.get(0).inputShape(0) -> (timesteps, features)
        assertEquals(Shape.of(5, 7), rows.get(0).inputShape(0));
        assertEquals(6, data.count());
        Tensor[] back = Example.stack(rows, b -> "example " + b);
        assertArrayEquals(encoderIn.data(), back[0].data());
        assertArrayEquals(decoderTarget.data(), back[2].data());
    }

    @Test
    void modelSourceAndOptions() throws IOException {
        Path file = dir.resolve("model.s2s");
        softmax().compile("adam", "mse").save(file);
        ModelSource saved = ModelSource.file(SharedFile.broadcast(sc, file));   // a native .s2s model file
        assertEquals("adam", saved.load().optimizer().name());
        ModelSource source = ModelSource.of(() -> {
            Sequential m = new Sequential().add(new Dense(4).inputShape(3));
            m.compile("adam", "mse");
            return m;
        });
        Model m = source.load();
        assertEquals(1, m.layers().size());
        assertEquals("adam", m.optimizer().name());
        SparkFitOptions o = new SparkFitOptions().batchSize(64).epochs(3).averagingFrequency(4)
                .checkpointDir(Path.of("checkpoints")).modelSource(source);
        assertEquals(64, o.batchSize);
        assertEquals(4, o.averagingFrequency);
        assertEquals(source, o.modelSource);
    }

    private static Sequential softmax() {
        return new Sequential().add(new Dense(3).activation("softmax").inputShape(4));
    }

    @Test
    void sparkTrainer() {
        Seq2Seq4j.seed(3);
        Model model = softmax();
        Tensor x = Tensor.random(Shape.of(512, 4), 4);
        Tensor y = Tensor.zeros(512, 3);
        for (int i = 0; i < 512; i++) {
            y.data()[i * 3 + (x.data()[i * 4] > 0 ? 0 : x.data()[i * 4 + 1] > 0 ? 1 : 2)] = 1;
        }
        model.compile("adam", "categorical_crossentropy");
        JavaRDD<Example> data = sc.parallelize(Example.rows(List.of(x), List.of(y)), 8);
        History h = SparkTrainer.fit(model, data, new SparkFitOptions().batchSize(256).epochs(5));   // .s2s broadcast
        // h.get("loss") -> one value per epoch
        assertEquals(5, h.get("loss").size());
        assertTrue(h.get("loss").get(4) < h.get("loss").get(0), h.toString());
    }

    @Test
    void sharedFile() throws IOException {
        Path file = Files.writeString(dir.resolve("model.s2s"), "weights");
        SharedFile model = SharedFile.broadcast(sc, file);   // or SharedFile.shared("hdfs:///models/fr-en.s2s")
        Path local = model.local();                          // in a task: this executor's copy
        assertEquals("weights", Files.readString(local));
        assertEquals(List.of("weights"),
                sc.parallelize(List.of(1), 1).map(i -> Files.readString(model.local())).collect());
    }

    private static SentenceTranslator load(Path file) {
        return sentences -> sentences.stream().map(s -> new SentenceTranslator.Result(s.toUpperCase(), -1)).toList();
    }

    @Test
    void translatorsAndSparkTranslate() throws IOException {
        SentenceTranslator t0 = sentences -> sentences.stream().map(s -> new SentenceTranslator.Result(s, 0)).toList();
        // t.translate(List.of("hi")).get(0).text() -> "hi"
        assertEquals("hi", t0.translate(List.of("hi")).get(0).text());
        TranslatedRow tr = new TranslatedRow(7, "bonjour", -1.25);
        // t.id() -> 7
        assertEquals(7, tr.id());

        Path modelFile = Files.writeString(dir.resolve("m.weights.s2s"), "w");
        SharedFile file = SharedFile.broadcast(sc, modelFile);
        TranslatorSource source = TranslatorSource.of(() -> load(file.local()));   // load: a translator from its file
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        Dataset<Row> corpus = spark.createDataFrame(List.of(RowFactory.create(1L, "ab"), RowFactory.create(2L, "c")),
                new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType));
        String textFile = Files.write(dir.resolve("corpus.txt"), List.of("x", "yz")).toString();
        SparkTranslate t = SparkTranslate.with(source).computeThreads(1);
        Dataset<Row> out = t.translate(corpus);                         // columns id, text -> id, translation, score
        JavaRDD<TranslatedRow> lines = t.translateLines(sc.textFile(textFile));   // ids are line numbers from 0
        assertEquals(List.of(RowFactory.create(1L, "AB", -1.0), RowFactory.create(2L, "C", -1.0)), out.collectAsList());
        assertEquals(List.of(new TranslatedRow(0, "X", -1), new TranslatedRow(1, "YZ", -1)), lines.collect());
    }
}
