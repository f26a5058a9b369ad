package org.seq2seq4j.spark;

import java.nio.file.Path;
import org.seq2seq4j.ConfigException;

/**
 * Options of {@link SparkTrainer#fit}, with Keras's names where Keras has one.
 * <ul>
 * <li>{@code batchSize} (32): the GLOBAL batch of one synchronous step, split evenly over the
 * partitions (each takes {@code ceil(batchSize / partitions)} of its own examples);</li>
 * <li>{@code epochs} (1): the epoch to stop after; {@code initialEpoch} (0): epochs already done
 * (Keras's {@code initial_epoch}, e.g. {@code model.trainingState().epochs()} of a checkpoint);</li>
 * <li>{@code shuffle} (true): each partition's order per epoch, from the model's training seed
 * ({@code TrainingState.seed()}, saved in its file), the epoch and the partition, so a retried task
 * and a resumed run see the same examples;</li>
 * <li>{@code averagingFrequency} (1): 1 sums the partitions' gradients for one optimizer step on
 * the driver; {@code k > 1} lets every partition take k local steps from the broadcast weights
 * and optimizer state, then averages both (weighted by examples);</li>
 * <li>{@code treeDepth} (2): depth of Spark's tree aggregation;</li>
 * <li>{@code computeThreads} (0 = leave as is): the GEMM threads of each executor JVM, 1 to
 * give every task one core;</li>
 * <li>{@code checkpointDir} (none): the model as a native file after every epoch,
 * {@code epoch-001.s2s}, ... (weights, optimizer and training state: {@code Models.load} resumes it);</li>
 * <li>{@code modelSource} (default: the driver's model saved as a native file and broadcast): how
 * executors get their copy of the model; {@link ModelSource#of} for models without a Keras config.</li>
 * </ul>
 *
 * <pre>{@code
 * SparkFitOptions o = new SparkFitOptions().batchSize(64).epochs(3).averagingFrequency(4)
 *         .checkpointDir(Path.of("checkpoints")).modelSource(source);
 * }</pre>
 */
public final class SparkFitOptions {
    int batchSize = 32;
    int epochs = 1;
    int initialEpoch;
    boolean shuffle = true;
    int averagingFrequency = 1;
    int treeDepth = 2;
    int computeThreads;
    Path checkpointDir;
    ModelSource modelSource;

    public SparkFitOptions batchSize(int n) {
        batchSize = atLeast("batch_size", n, 1);
        return this;
    }

    public SparkFitOptions epochs(int n) {
        epochs = atLeast("epochs", n, 1);
        return this;
    }

    public SparkFitOptions initialEpoch(int n) {
        initialEpoch = atLeast("initial_epoch", n, 0);
        return this;
    }

    public SparkFitOptions shuffle(boolean b) {
        shuffle = b;
        return this;
    }

    public SparkFitOptions averagingFrequency(int k) {
        averagingFrequency = atLeast("averagingFrequency", k, 1);
        return this;
    }

    public SparkFitOptions treeDepth(int d) {
        treeDepth = atLeast("treeDepth", d, 1);
        return this;
    }

    public SparkFitOptions computeThreads(int n) {
        computeThreads = atLeast("computeThreads", n, 0);
        return this;
    }

    public SparkFitOptions checkpointDir(Path dir) {
        checkpointDir = dir;
        return this;
    }

    public SparkFitOptions modelSource(ModelSource source) {
        modelSource = source;
        return this;
    }

    private static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw ConfigException.argument("SparkFitOptions", key, "an integer >= " + min, value);
        }
        return value;
    }
}
