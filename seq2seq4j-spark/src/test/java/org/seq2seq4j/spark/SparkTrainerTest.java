package org.seq2seq4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.io.Models;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Tensor;

/**
 * Synchronous training in Spark {@code local[2]}: with two partitions and k = 1, three Adam steps
 * give the weights of three {@code trainOnBatch} steps on the concatenated shards; k = 2 gives the
 * example-weighted average of two local Adam runs, slots included; a task that fails once and is
 * retried ({@code local[2,2]}) changes nothing; per-epoch checkpoints hold the weights; bad data
 * fail naming the example.
 */
class SparkTrainerTest {
    private static final int PER_PARTITION = 12, LOCAL = 4;

    private static List<Example> data() {
        return Seq2seqFixture.examples(2 * PER_PARTITION, 3);
    }

    private static ModelSource source() {
        return ModelSource.of(Seq2seqFixture::unseeded);
    }

    /**
     * Trains a fresh model (seed 5) on the data in 2 partitions, executors loading the native model file
     * the driver broadcasts; no shuffling, so batches are predictable.
     */
    private static Model distributed(JavaSparkContext sc, SparkFitOptions options) {
        Model m = Seq2seqFixture.model(5);
        SparkTrainer.fit(m, sc.parallelize(data(), 2), options.batchSize(2 * LOCAL).shuffle(false));
        return m;
    }

    /** Partition p's examples of local step s (Spark's parallelize puts the first half in partition 0). */
    private static List<Example> shard(int p, int s) {
        return data().subList(p * PER_PARTITION + s * LOCAL, p * PER_PARTITION + (s + 1) * LOCAL);
    }

    @Test
    void syncStepsEqualTrainOnBatchOfTheConcatenatedBatches() {
        Model spark = distributed(LocalSpark.context("local[2]"), new SparkFitOptions());
        Model single = Seq2seqFixture.model(5);
        for (int s = 0; s < 3; s++) {
            List<Example> batch = new ArrayList<>(shard(0, s));
            batch.addAll(shard(1, s));
            Tensor[] t = Seq2seqFixture.stack(batch);
            single.trainOnBatch(List.of(t[0], t[1]), List.of(t[2]));
        }
        assertEquals(3, spark.optimizer().iterations());
        assertClose(Seq2seqFixture.weights(single), Seq2seqFixture.weights(spark), 1e-5);
        assertStateClose(single.optimizer(), spark.optimizer());
    }

    @Test
    void averagingEveryTwoStepsIsTheMeanOfTwoLocalRuns() {
        Model spark = distributed(LocalSpark.context("local[2]"), new SparkFitOptions().averagingFrequency(2));
        // by hand: iteration 1 = steps 0, 1 on each shard from the start; iteration 2 = step 2 (the last) from the mean
        Model start = Seq2seqFixture.model(5);
        start.optimizer().build(start.trainableWeights());
        List<float[]> w = Seq2seqFixture.weights(start);
        List<float[]> slots = slots(start.optimizer());
        int[][] iterations = {{0, 1}, {2}};
        int done = 0;
        for (int[] steps : iterations) {
            List<List<float[]>> runW = new ArrayList<>();
            List<List<float[]>> runS = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                Model local = Seq2seqFixture.model(9);
                set(local, w, slots, done);
                for (int s : steps) {
                    Tensor[] t = Seq2seqFixture.stack(shard(p, s));
                    local.trainOnBatch(List.of(t[0], t[1]), List.of(t[2]));
                }
                runW.add(Seq2seqFixture.weights(local));
                runS.add(slots(local.optimizer()));
            }
            w = mean(runW);
            slots = mean(runS);
            done += steps.length;
        }
        assertEquals(3, spark.optimizer().iterations());
        assertClose(w, Seq2seqFixture.weights(spark), 1e-5);
        assertClose(slots, slots(spark.optimizer()), 1e-5);
    }

    @Test
    void aTaskFailingOnceIsRetriedWithTheSameResult() {
        JavaSparkContext sc = LocalSpark.context("local[2,2]");
        List<float[]> clean = Seq2seqFixture.weights(distributed(sc, new SparkFitOptions()));
        AtomicInteger failures = new AtomicInteger();
        TaskHook.Installed.hook = (job, epoch, step, partition, attempt) -> {
            if (step == 1 && partition == 1 && attempt == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("test hook: task of step 1, partition 1 killed");
            }
        };
        try {
            List<float[]> retried = Seq2seqFixture.weights(distributed(sc, new SparkFitOptions()));
            assertEquals(1, failures.get(), "the hook failed one task");
            for (int i = 0; i < clean.size(); i++) {
                assertArrayEquals(clean.get(i), retried.get(i), "weight " + i);
            }
        } finally {
            TaskHook.Installed.hook = null;
        }
    }

    @Test
    void checkpointsAfterEveryEpochAreNativeModelFilesThatResume(@TempDir Path dir) {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        Model spark = distributed(sc, new SparkFitOptions().epochs(2).checkpointDir(dir));
        assertTrue(Files.exists(dir.resolve("epoch-001.s2s")));
        Model loaded = Models.load(dir.resolve("epoch-002.s2s"));
        assertClose(Seq2seqFixture.weights(spark), Seq2seqFixture.weights(loaded), 0);
        assertStateClose(spark.optimizer(), loaded.optimizer());
        assertEquals(6, loaded.optimizer().iterations());
        assertEquals(2, loaded.trainingState().epochs());
        // resuming epoch 2 from the first checkpoint gives the second
        Model resumed = Models.load(dir.resolve("epoch-001.s2s"));
        SparkTrainer.fit(resumed, sc.parallelize(data(), 2),
                new SparkFitOptions().batchSize(2 * LOCAL).shuffle(false).epochs(2).initialEpoch(1));
        assertClose(Seq2seqFixture.weights(loaded), Seq2seqFixture.weights(resumed), 0);
    }

    @Test
    void aModelBuiltInCodeTrainsAsTheFileDoes() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        List<float[]> fromFile = Seq2seqFixture.weights(distributed(sc, new SparkFitOptions()));
        List<float[]> fromCode = Seq2seqFixture.weights(distributed(sc, new SparkFitOptions().modelSource(source())));
        assertClose(fromFile, fromCode, 0);
    }

    @Test
    void reportsTheLossPerEpoch() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        Model m = Seq2seqFixture.model(5);
        Model single = Seq2seqFixture.model(5);
        History h = SparkTrainer.fit(m, sc.parallelize(data(), 2),
                new SparkFitOptions().batchSize(2 * LOCAL).shuffle(false).modelSource(source()));
        double sum = 0;
        for (int s = 0; s < 3; s++) {
            List<Example> batch = new ArrayList<>(shard(0, s));
            batch.addAll(shard(1, s));
            Tensor[] t = Seq2seqFixture.stack(batch);
            sum += single.trainOnBatch(List.of(t[0], t[1]), List.of(t[2]));
        }
        assertEquals(List.of("loss"), List.copyOf(h.history().keySet()));
        assertEquals(sum / 3, h.get("loss").get(0), 1e-5);
    }

    @Test
    void anEmptyDataSetIsAClearError() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        JavaRDD<Example> none = sc.parallelize(List.<Example>of(), 2);
        Seq2SeqException e = assertThrows(Seq2SeqException.class,
                () -> SparkTrainer.fit(Seq2seqFixture.model(5), none, new SparkFitOptions().modelSource(source())));
        assertEquals("SparkTrainer.fit: the training data set is empty (0 examples in 2 partitions); "
                + "give it at least one example", e.getMessage());
    }

    @Test
    void anUnreadableModelFileOnTheExecutorsIsNamed(@TempDir Path dir) {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        String missing = dir.resolve("nowhere.s2s").toString();
        SparkFitOptions o = new SparkFitOptions().modelSource(ModelSource.file(SharedFile.shared(missing)));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SparkTrainer.fit(Seq2seqFixture.model(5), sc.parallelize(data(), 2), o));
        assertEquals(missing, e.file());
        assertEquals("on executor driver", e.location());
    }

    @Test
    void aMalformedExampleIsNamed() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        List<Example> rows = new ArrayList<>(data());
        Example good = rows.get(PER_PARTITION + 2);
        rows.set(PER_PARTITION + 2, Example.of(List.of(Tensor.zeros(5, 7), Tensor.zeros(4, 6)),
                List.of(Tensor.zeros(3, 6))));
        assertEquals("(4, 6)", good.targetShape(0).toString());
        ShapeException e = assertThrows(ShapeException.class, () -> SparkTrainer.fit(Seq2seqFixture.model(5),
                sc.parallelize(rows, 2), new SparkFitOptions().batchSize(8).shuffle(false).modelSource(source())));
        assertEquals("SparkTrainer: example 2 of partition 1 target 0", e.subject());
        assertTrue(e.getMessage().contains("(4, 6)") && e.getMessage().contains("(3, 6)"), e.getMessage());
    }

    private static void set(Model m, List<float[]> w, List<float[]> slots, int iterations) {
        for (int i = 0; i < w.size(); i++) {
            System.arraycopy(w.get(i), 0, m.trainableWeights().get(i).value().data(), 0, w.get(i).length);
        }
        Optimizer opt = m.optimizer();
        opt.build(m.trainableWeights());
        Map<String, Tensor> state = opt.state();
        int i = 0;
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (!e.getKey().equals("iterations")) {
                System.arraycopy(slots.get(i++), 0, e.getValue().data(), 0, e.getValue().size());
            }
        }
        state.put("iterations", Tensor.scalar(iterations));
        opt.loadState(state);
    }

    /** The optimizer's slots, iterations left out. */
    private static List<float[]> slots(Optimizer opt) {
        List<float[]> out = new ArrayList<>();
        opt.state().forEach((k, t) -> {
            if (!k.equals("iterations")) {
                out.add(t.data());
            }
        });
        return out;
    }

    private static List<float[]> mean(List<List<float[]>> runs) {
        List<float[]> out = new ArrayList<>();
        for (int v = 0; v < runs.get(0).size(); v++) {
            float[] m = new float[runs.get(0).get(v).length];
            for (int i = 0; i < m.length; i++) {
                double s = 0;
                for (List<float[]> r : runs) {
                    s += r.get(v)[i];
                }
                m[i] = (float) (s / runs.size());
            }
            out.add(m);
        }
        return out;
    }

    private static void assertStateClose(Optimizer expected, Optimizer actual) {
        assertClose(slots(expected), slots(actual), 1e-5);
    }

    private static void assertClose(List<float[]> expected, List<float[]> actual, double tol) {
        assertEquals(expected.size(), actual.size());
        for (int v = 0; v < expected.size(); v++) {
            for (int i = 0; i < expected.get(v).length; i++) {
                float e = expected.get(v)[i];
                float a = actual.get(v)[i];
                assertTrue(Math.abs(e - a) <= tol, "tensor " + v + " [" + i + "]: expected " + e + " but got " + a);
            }
        }
    }
}
