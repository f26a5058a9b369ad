package org.seq2seq4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.io.ModelFile;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.TrainingState;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Tensor;

/**
 * Synchronous data-parallel training on Spark. The data stay on the executors, each partition a
 * shard; every iteration broadcasts the driver's weights, each partition computes the summed
 * gradient and sample count of its share of the global batch, a tree aggregation adds them up, and
 * the driver's optimizer takes the step: the same step as {@code trainOnBatch} on the concatenated
 * batch for losses averaged over samples (Keras's default). With {@code averagingFrequency k > 1}
 * each partition instead takes k local steps from the broadcast weights and optimizer state, and
 * the driver averages weights and optimizer slots, weighted by examples (parameter averaging, as
 * the established Spark trainers do it). Tasks only read broadcast values and their shard, so a
 * failed task that Spark runs again gives the same result. The driver's model is trained in place;
 * executors get it as the native model file (saved once and broadcast) unless
 * {@link SparkFitOptions#modelSource} says otherwise, and a checkpoint is that file too.
 *
 * <pre>{@code
 * model.compile("adam", "categorical_crossentropy");
 * JavaRDD<Example> data = sc.parallelize(Example.rows(List.of(x), List.of(y)), 8);
 * History h = SparkTrainer.fit(model, data, new SparkFitOptions().batchSize(256).epochs(5));   // .s2s broadcast
 * // h.get("loss") -> one value per epoch
 * }</pre>
 */
public final class SparkTrainer {
    private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());

    private SparkTrainer() {
    }

    /** Trains {@code model} (compiled) on {@code data}; returns the loss per epoch. */
    public static History fit(Model model, JavaRDD<Example> data, SparkFitOptions options) {
        Optimizer opt = model.optimizer();
        if (opt == null) {
            throw new Seq2SeqException(model.describe() + ": SparkTrainer.fit needs a compiled model; "
                    + "call compile(optimizer, loss) first");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        JavaRDD<List<Example>> shards = data.glom().persist(StorageLevel.MEMORY_AND_DISK());
        Path saved = null;
        SharedFile file = null;
        try {
            Run run = new Run(model, opt, sc, shards, options);
            ModelSource source = options.modelSource;
            if (source == null) {            // the driver's model, as the native file a single machine would save
                saved = Files.createTempFile("seq2seq4j-spark-", ModelFile.EXTENSION);
                model.save(saved);
                file = SharedFile.broadcast(sc, saved);
                source = ModelSource.file(file);
            }
            return run.epochs(source);
        } catch (IOException e) {
            throw new Seq2SeqException("SparkTrainer: cannot write the model file executors load (" + e + ")", e);
        } finally {
            shards.unpersist(false);
            if (file != null) {
                file.release();
            }
            deleteQuietly(saved);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "SparkTrainer: cannot delete the temporary model file " + file, e);
        }
    }

    /** One fit call's loop on the driver. */
    private static final class Run {
        private final Model model;
        private final Optimizer opt;
        private final JavaSparkContext sc;
        private final JavaRDD<List<Example>> shards;
        private final SparkFitOptions o;
        private final List<Variable> vars;

        Run(Model model, Optimizer opt, JavaSparkContext sc, JavaRDD<List<Example>> shards, SparkFitOptions o) {
            this.model = model;
            this.opt = opt;
            this.sc = sc;
            this.shards = shards;
            this.o = o;
            if (!model.isBuilt()) {
                build(model, shards);
            }
            this.vars = model.trainableWeights();
        }

        /** Builds a model that was never called for the shapes of the first example (fetched alone). */
        private static void build(Model model, JavaRDD<List<Example>> shards) {
            List<Example> first = SparkJobs.run("SparkTrainer.fit", () -> shards.filter(l -> !l.isEmpty())
                    .map(l -> List.of(l.get(0))).take(1)).stream().findFirst().orElse(List.of());
            if (first.isEmpty()) {
                return;                       // an empty data set: epochs() says so
            }
            first.get(0).build(model);
        }

        History epochs(ModelSource source) {
            List<Integer> sizes = SparkJobs.run("SparkTrainer.fit", () -> shards.map(List::size).collect());
            long total = sizes.stream().mapToLong(Integer::longValue).sum();
            if (total == 0) {
                throw new Seq2SeqException("SparkTrainer.fit: the training data set is empty (0 examples in "
                        + sizes.size() + " partitions); give it at least one example");
            }
            int partitions = sizes.size();
            int localBatch = (o.batchSize + partitions - 1) / partitions;
            int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            int steps = (largest + localBatch - 1) / localBatch;
            LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "SparkTrainer: %d examples in %d "
                    + "partitions, %d per partition and step, %d steps per epoch", total, partitions, localBatch,
                    steps));
            opt.build(vars);
            long seed = model.trainingState().seed();
            History history = new History();
            for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
                double lossSum = 0;
                long seen = 0;
                for (int step = 0; step < steps; step += o.averagingFrequency) {
                    TrainTask task = new TrainTask(source, epoch, step, Math.min(o.averagingFrequency, steps - step),
                            o, localBatch, seed);
                    Contribution c = iteration(task);
                    lossSum += c.lossSum;
                    seen += c.samples;
                }
                Map<String, Double> logs = new LinkedHashMap<>();
                logs.put("loss", lossSum / seen);
                history.onEpochEnd(epoch, logs);
                model.trainingState(new TrainingState(seed, epoch + 1));
                final int e = epoch;
                LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT,
                        "SparkTrainer: epoch %d/%d loss %.6f", e + 1, o.epochs, logs.get("loss")));
                checkpoint(epoch);
            }
            return history;
        }

        /** One synchronous iteration: broadcast, per-partition work, tree aggregation, driver update. */
        private Contribution iteration(TrainTask unbound) {
            boolean averaging = o.averagingFrequency > 1;
            Broadcast<float[][]> w = sc.broadcast(copies(vars.stream().map(Variable::value).toList()));
            Broadcast<float[][]> s = averaging ? sc.broadcast(copies(new ArrayList<>(opt.state().values()))) : null;
            try {
                TrainTask task = unbound.with(w, s);
                Contribution c = SparkJobs.run("SparkTrainer.fit", () -> shards.mapPartitionsWithIndex(task, true)
                        .treeAggregate(Contribution.empty(), Contribution::add, Contribution::add, o.treeDepth));
                if (c.samples == 0) {
                    return c;
                }
                if (averaging) {
                    average(c);
                } else {
                    List<Tensor> grads = new ArrayList<>(vars.size());
                    for (int v = 0; v < vars.size(); v++) {
                        grads.add(Tensor.of(divided(c.values[v], c.samples), vars.get(v).shape()));
                    }
                    opt.apply(vars, grads);
                }
                return c;
            } finally {
                w.destroy();
                if (s != null) {
                    s.destroy();
                }
            }
        }

        /** Weights and optimizer state become the example-weighted means; iterations advance by the steps taken. */
        private void average(Contribution c) {
            for (int v = 0; v < vars.size(); v++) {
                vars.get(v).assign(Tensor.of(divided(c.values[v], c.samples), vars.get(v).shape()));
            }
            Map<String, Tensor> state = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, Tensor> e : opt.state().entrySet()) {
                Tensor t = e.getKey().equals("iterations") ? Tensor.scalar(opt.iterations() + c.steps)
                        : Tensor.of(divided(c.state[i], c.samples), e.getValue().shape());
                state.put(e.getKey(), t);
                i++;
            }
            opt.loadState(state);
        }

        private void checkpoint(int epoch) {
            if (o.checkpointDir == null) {
                return;
            }
            try {
                Files.createDirectories(o.checkpointDir);
            } catch (IOException e) {
                throw new Seq2SeqException("SparkTrainer: cannot create the checkpoint directory " + o.checkpointDir
                        + " (" + e + ")", e);
            }
            model.save(o.checkpointDir.resolve(String.format(Locale.ROOT, "epoch-%03d%s", epoch + 1,
                    ModelFile.EXTENSION)));
        }

        private static float[][] copies(List<Tensor> ts) {
            float[][] out = new float[ts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = ts.get(i).data().clone();
            }
            return out;
        }

        private static float[] divided(float[] a, long by) {
            float[] out = new float[a.length];
            float f = by;
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] / f;
            }
            return out;
        }
    }
}
