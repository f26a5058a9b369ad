package org.seq2seq4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.seq2seq4j.ConfigException;
import scala.Tuple2;

/**
 * Distributed decoding: translates an RDD or a DataFrame of (id, text) rows on the executors,
 * each with its own translator loaded once per executor JVM (a model file broadcast from the
 * driver or read from a shared path, see {@link SharedFile}). Every partition reads its rows in
 * windows, sorted by length into batches by the translator, and gives (id, translation, score)
 * rows in its input order, so the output keeps the input's order; {@link #orderById} sorts by id
 * instead. The corpus is never collected to the driver, and a retried task gives the same rows.
 *
 * <pre>{@code
 * SparkTranslate t = SparkTranslate.with(source).computeThreads(1);
 * Dataset<Row> out = t.translate(corpus);                         // columns id, text -> id, translation, score
 * JavaRDD<TranslatedRow> lines = t.translateLines(sc.textFile(textFile));   // ids are line numbers from 0
 * }</pre>
 */
public final class SparkTranslate {
    /** The output columns of {@link #translate(Dataset)}. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("translation", DataTypes.StringType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, false)});

    private final TranslatorSource source;
    private int window = 10_000;
    private int computeThreads;
    private boolean orderById;
    private String idColumn = "id";
    private String textColumn = "text";

    private SparkTranslate(TranslatorSource source) {
        this.source = source;
    }

    /** Translating with the translators {@code source} gives on the executors. */
    public static SparkTranslate with(TranslatorSource source) {
        if (source == null) {
            throw ConfigException.argument("SparkTranslate", "source", "a TranslatorSource", null);
        }
        return new SparkTranslate(source);
    }

    /** How many sentences of a partition are sorted by length and decoded together (default 10,000). */
    public SparkTranslate window(int n) {
        if (n < 1) {
            throw ConfigException.argument("SparkTranslate", "window", "an integer >= 1", n);
        }
        window = n;
        return this;
    }

    /** The GEMM threads of each executor JVM (0, the default, leaves them as they are; 1 = one core per task). */
    public SparkTranslate computeThreads(int n) {
        if (n < 0) {
            throw ConfigException.argument("SparkTranslate", "computeThreads", "an integer >= 0", n);
        }
        computeThreads = n;
        return this;
    }

    /** Sorts the output by id (a shuffle) rather than keeping the input's order. */
    public SparkTranslate orderById(boolean b) {
        orderById = b;
        return this;
    }

    /** The input columns of {@link #translate(Dataset)} (default {@code id} and {@code text}). */
    public SparkTranslate columns(String id, String text) {
        idColumn = id;
        textColumn = text;
        return this;
    }

    /** Translates (id, text) pairs. */
    public JavaRDD<TranslatedRow> translate(JavaPairRDD<Long, String> rows) {
        JavaRDD<TranslatedRow> out = rows.rdd().toJavaRDD()
                .mapPartitionsWithIndex(new TranslateTask(source, window, computeThreads), true);
        return orderById ? out.sortBy(TranslatedRow::id, true, out.getNumPartitions()) : out;
    }

    /** Translates lines; a line's id is its number in the RDD's order, from 0. */
    public JavaRDD<TranslatedRow> translateLines(JavaRDD<String> lines) {
        return translate(lines.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1())));
    }

    /** Translates a DataFrame with an integral id column and a string text column; gives {@link #SCHEMA} rows. */
    public Dataset<Row> translate(Dataset<Row> rows) {
        int id = column(rows.schema(), idColumn, List.of(DataTypes.LongType, DataTypes.IntegerType), "an integer");
        int text = column(rows.schema(), textColumn, List.of(DataTypes.StringType), "a string");
        boolean longIds = rows.schema().fields()[id].dataType().equals(DataTypes.LongType);
        JavaPairRDD<Long, String> pairs = rows.javaRDD().mapToPair(r -> new Tuple2<>(
                r.isNullAt(id) ? null : longIds ? r.getLong(id) : (long) r.getInt(id),
                r.isNullAt(text) ? null : r.getString(text)));
        JavaRDD<Row> out = translate(pairs).map(t -> RowFactory.create(t.id(), t.translation(), t.score()));
        return rows.sparkSession().createDataFrame(out, SCHEMA);
    }

    private static int column(StructType schema, String name, List<DataType> types, String expected) {
        List<String> names = List.of(schema.fieldNames());
        int i = names.indexOf(name);
        if (i < 0) {
            throw ConfigException.argument("SparkTranslate", "column '" + name + "'", "a column of the input (it has "
                    + names + ")", "missing");
        }
        DataType t = schema.fields()[i].dataType();
        if (!types.contains(t)) {
            throw ConfigException.argument("SparkTranslate", "column '" + name + "'", expected + " column",
                    t.simpleString());
        }
        return i;
    }
}
