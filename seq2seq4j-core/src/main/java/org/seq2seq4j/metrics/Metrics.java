package org.seq2seq4j.metrics;

import java.util.Locale;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.losses.BinaryCrossentropy;
import org.seq2seq4j.losses.CategoricalCrossentropy;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.losses.SparseCategoricalCrossentropy;
import org.seq2seq4j.tensor.Shape;

/**
 * Metrics by Keras name, as {@code model.compile(metrics=[...])} resolves them. {@code "accuracy"}
 * / {@code "acc"} pick the accuracy that fits the loss (categorical crossentropy ->
 * categorical_accuracy, sparse -> sparse_categorical_accuracy, binary -> binary_accuracy, else
 * exact-match accuracy) or, as Keras 3 does, the target and prediction shapes. The metric keeps the
 * name it was asked by.
 *
 * <pre>{@code
 * Metric acc = Metrics.get("accuracy", new SparseCategoricalCrossentropy()); // SparseCategoricalAccuracy 'accuracy'
 * Metric mae = Metrics.get("mae", null);                                     // LossMetric 'mae'
 * }</pre>
 */
public final class Metrics {
    private Metrics() {
    }

    /** The metric {@code name} for a model trained with {@code loss} (may be null for non-accuracy names). */
    public static Metric get(String name, Loss loss) {
        if (isAccuracy(name)) {
            if (loss instanceof CategoricalCrossentropy) {
                return new CategoricalAccuracy(name);
            }
            if (loss instanceof SparseCategoricalCrossentropy) {
                return new SparseCategoricalAccuracy(name);
            }
            if (loss instanceof BinaryCrossentropy) {
                return new BinaryAccuracy(name, 0.5f);
            }
            return new Accuracy(name);
        }
        return byName(name);
    }

    /**
     * The metric {@code name} chosen from shapes as Keras 3 does: {@code y_pred} with a last axis of 1
     * is binary; a {@code y_true} of lower rank, or with a last axis of 1 against several classes, is sparse.
     */
    public static Metric get(String name, Shape yTrue, Shape yPred) {
        if (isAccuracy(name)) {
            if (yPred.last() == 1) {
                return new BinaryAccuracy(name, 0.5f);
            }
            boolean sparse = yTrue.rank() < yPred.rank() || yTrue.last() == 1 && yPred.last() > 1;
            return sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
        }
        return byName(name);
    }

    private static boolean isAccuracy(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("accuracy") || n.equals("acc");
    }

    private static Metric byName(String name) {
        switch (name) {
            case "binary_accuracy":
                return new BinaryAccuracy();
            case "categorical_accuracy":
                return new CategoricalAccuracy();
            case "sparse_categorical_accuracy":
                return new SparseCategoricalAccuracy();
            case "mean":
                return new Mean();
            default:
                if (!Losses.has(name)) {
                    throw new ConfigException("Metrics", "metric name", "accuracy, acc, binary_accuracy, categorical_accuracy, "
                            + "sparse_categorical_accuracy, mean or a loss name (mse, mae, ...)", "'" + name + "'");
                }
                return new LossMetric(name, Losses.get(name));
        }
    }
}
