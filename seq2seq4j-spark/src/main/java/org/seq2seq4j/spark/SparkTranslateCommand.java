package org.seq2seq4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Translates a text corpus (one sentence a line, any path Spark reads) on the cluster with a model
 * file from {@code train}, and writes {@code id<TAB>score<TAB>translation} lines, in the corpus's
 * order, to an output directory (Spark's part files).
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate the lines of a corpus on Spark with a model file from train; writes "
                + "id<TAB>log-probability<TAB>translation lines in the corpus's order.")
final class SparkTranslateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (a local path, broadcast; or, "
            + "with --shared-model, a path every executor reads).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "<path>", description = "The corpus, one sentence a line.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "The output directory (new).")
    String output;

    @Option(names = "--beam", defaultValue = "0", paramLabel = "<k>",
            description = "Beam size (default: the model's; 1 is greedy).")
    int beam;

    @Option(names = "--shared-model", description = "Executors read MODEL themselves instead of a broadcast copy.")
    boolean sharedModel;

    @Option(names = "--compute-threads", defaultValue = "0", paramLabel = "<n>",
            description = "GEMM threads per executor JVM (default: as they are).")
    int computeThreads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(
                new SparkConf().setAppName("seq2seq4j translate").setIfMissing("spark.master", "local[*]")));
        SharedFile file = sharedModel || !Files.isRegularFile(Path.of(model)) ? SharedFile.shared(model)
                : SharedFile.broadcast(sc, Path.of(model));
        SparkTranslate t = SparkTranslate.with(TranslatorFiles.of(file, beam)).computeThreads(computeThreads);
        long n = SparkJobs.run("translate", () -> {
            var rows = t.translateLines(sc.textFile(input)).cache();
            rows.map(r -> String.format(Locale.ROOT, "%d\t%.4f\t%s", r.id(), r.score(), r.translation()))
                    .saveAsTextFile(output);
            return rows.count();
        });
        spec.commandLine().getOut().printf(Locale.ROOT, "translated %d lines of %s into %s%n", n, input, output);
        return 0;
    }
}
