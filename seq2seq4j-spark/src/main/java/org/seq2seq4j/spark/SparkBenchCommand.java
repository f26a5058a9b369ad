package org.seq2seq4j.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Gradients;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.seq2seq.Decoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import scala.Tuple2;

/**
 * Measures, in the application's Spark master, distributed greedy decoding of random sentences
 * with a character lstm_seq2seq model of the Keras example's size (sentences/s), and one
 * synchronous training step in Spark against the same step alone; then estimates 8 and 64
 * executors from those figures (tree all-reduce: parameter bytes × 2 × log2(workers) per step).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Decode throughput and training-step overhead in this Spark master, and a paper estimate "
                + "for 8 and 64 executors.")
final class SparkBenchCommand implements Callable<Integer> {
    @Option(names = "--sentences", defaultValue = "10000",
            description = "Sentences to decode (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--max-length", defaultValue = "40",
            description = "Longest source sentence (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--units", defaultValue = "256",
            description = "LSTM units (default: ${DEFAULT-VALUE}, the Keras example).")
    int units;

    @Option(names = "--partitions",
            description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--compute-threads", defaultValue = "1",
            description = "GEMM threads per executor JVM (default: ${DEFAULT-VALUE}).")
    int computeThreads;

    @Option(names = "--train-batch", defaultValue = "64",
            description = "Global batch of the training step (default: ${DEFAULT-VALUE}).")
    int trainBatch;

    @Option(names = "--train-steps", defaultValue = "6",
            description = "Timed training iterations (default: ${DEFAULT-VALUE}).")
    int trainSteps;

    @Option(names = "--bandwidth-gbit", defaultValue = "10",
            description = "Network of the estimate (default: ${DEFAULT-VALUE} Gbit/s).")
    double bandwidthGbit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(
                new SparkConf().setAppName("seq2seq4j-spark bench").setIfMissing("spark.master", "local[*]")));
        int parts = partitions != null ? partitions : sc.defaultParallelism();
        Gemms.setThreads(computeThreads);
        CharTranslator.Spec s = new CharTranslator.Spec(71, 93, units);   // the Keras fra-eng character example
        out.printf(Locale.ROOT, "Spark %s, master %s, %d partitions, %d GEMM thread(s) per executor JVM, %s GEMM%n",
                sc.version(), sc.master(), parts, computeThreads, Gemms.get().name());
        Path modelFile = Files.createTempFile("seq2seq4j-bench-", ".s2s");
        try {
            CharTranslator.save(s, 1, modelFile);
            double decode = decode(sc, s, modelFile, parts, out);
            train(sc, s, parts, out, decode);
        } finally {
            Files.deleteIfExists(modelFile);
        }
        out.flush();
        return 0;
    }

    /** Sentences per second of distributed greedy decoding (after a warm-up pass over a tenth). */
    private double decode(JavaSparkContext sc, CharTranslator.Spec s, Path modelFile, int parts, PrintWriter out) {
        SharedFile file = SharedFile.broadcast(sc, modelFile);
        SparkTranslate t = SparkTranslate.with(TranslatorSource.of(() -> CharTranslator.load(s, file,
                Decoder.greedy()))).computeThreads(computeThreads);
        List<String> text = CharTranslator.sentences(s, sentences, maxLength, 11);
        JavaRDD<String> warm = sc.parallelize(text.subList(0, Math.max(parts, sentences / 10)), parts);
        SparkJobs.run("bench", () -> t.translateLines(warm).count());
        JavaPairRDD<Long, String> corpus = sc.parallelize(text, parts).zipWithIndex()
                .mapToPair(p -> new Tuple2<>(p._2(), p._1())).cache();          // indexed once, outside the timing
        corpus.count();
        long t0 = System.nanoTime();
        long n = SparkJobs.run("bench", () -> t.translate(corpus).count());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = n / seconds;
        out.printf(Locale.ROOT, "decode: %d sentences (1-%d characters, greedy, at most 24 tokens) in %.2f s"
                + " = %.1f sentences/s%n",
                n, maxLength, seconds, rate);
        return rate;
    }

    /**
     * The per-iteration time of synchronous training in Spark (two fits of 3 and 1 epochs: their
     * difference is 2 epochs of iterations, without the fixed costs of a fit) against the same work
     * alone, and the estimates for 8 and 64 executors with this run's examples per task (weak scaling).
     */
    private void train(JavaSparkContext sc, CharTranslator.Spec s, int parts, PrintWriter out, double decodeRate) {
        ModelSource source = ModelSource.of(() -> compiled(s));
        List<Example> data = Seq2seqData.examples(s, trainBatch * trainSteps, 20, 20, 5);
        JavaRDD<Example> rdd = sc.parallelize(data, parts).cache();
        rdd.count();
        fit(s, rdd, 1, source);                                    // warm-up
        double spark = (fit(s, rdd, 3, source) - fit(s, rdd, 1, source)) / (2.0 * trainSteps);
        Functional alone = compiled(s);
        int shard = (trainBatch + parts - 1) / parts;
        double[] t = stepAlone(alone, data, shard);
        long params = alone.trainableWeights().stream().mapToLong(v -> v.shape().size()).sum();
        double bytes = params * 4.0;
        double overhead = spark - t[0] - t[1];
        out.printf(Locale.ROOT, "train: global batch %d, %d per partition; one Spark iteration %.1f ms; alone:"
                + " gradients of one partition's %d examples %.1f ms, optimizer step %.1f ms;"
                + " Spark overhead %.1f ms per iteration%n",
                trainBatch, shard, spark * 1e3, shard, t[0] * 1e3, t[1] * 1e3, overhead * 1e3);
        out.printf(Locale.ROOT, "model: %d parameters (%.1f MB float32)%n", params, bytes / 1e6);
        double bandwidth = bandwidthGbit * 1e9 / 8;
        int cores = parts;
        for (int executors : new int[] {8, 64}) {
            double comm = bytes * 2 * (Math.log(executors) / Math.log(2)) / bandwidth;
            double step = t[0] + t[1] + overhead + comm;
            int batch = shard * executors * cores;
            out.printf(Locale.ROOT, "estimate %d executors x %d cores: decode %.0f sentences/s; training step %.1f ms"
                    + " (%d examples per task %.1f + driver step %.1f + overhead %.1f + all-reduce %.1f at %.0f Gbit/s)"
                    + " = %.0f samples/s at global batch %d%n", executors, cores, decodeRate * executors, step * 1e3,
                    shard, t[0] * 1e3, t[1] * 1e3, overhead * 1e3, comm * 1e3, bandwidthGbit, batch / step, batch);
        }
    }

    /** Seconds of one fit of {@code epochs} over {@code data} in global batches (fixed costs once per fit). */
    private double fit(CharTranslator.Spec s, JavaRDD<Example> data, int epochs, ModelSource source) {
        Functional m = compiled(s);
        SparkFitOptions o = new SparkFitOptions().batchSize(trainBatch).epochs(epochs).shuffle(false)
                .modelSource(source).computeThreads(computeThreads);
        long t0 = System.nanoTime();
        SparkTrainer.fit(m, data, o);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds of the gradients of {@code shard} examples and of one optimizer step, each the median of 5. */
    private static double[] stepAlone(Functional m, List<Example> data, int shard) {
        org.seq2seq4j.tensor.Tensor[] b = Example.stack(data.subList(0, shard), i -> "example " + i);
        double[] grads = new double[5];
        double[] apply = new double[5];
        for (int r = -2; r < 5; r++) {
            long t0 = System.nanoTime();
            Gradients g = m.gradients(List.of(b[0], b[1]), List.of(b[2]));
            long t1 = System.nanoTime();
            m.optimizer().apply(g.variables(), g.values());
            long t2 = System.nanoTime();
            if (r >= 0) {
                grads[r] = (t1 - t0) / 1e9;
                apply[r] = (t2 - t1) / 1e9;
            }
        }
        java.util.Arrays.sort(grads);
        java.util.Arrays.sort(apply);
        return new double[] {grads[2], apply[2]};
    }

    private static Functional compiled(CharTranslator.Spec s) {
        Functional m = CharTranslator.architecture(s);
        m.compile(new Adam(), Losses.get("categorical_crossentropy"));
        return m;
    }
}
