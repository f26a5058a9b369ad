package org.seq2seq4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.losses.BinaryCrossentropy;
import org.seq2seq4j.losses.CategoricalCrossentropy;
import org.seq2seq4j.losses.MeanSquaredError;
import org.seq2seq4j.losses.SparseCategoricalCrossentropy;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Metrics against hand-computed values. */
class MetricTest {
    private static Tensor t(float[] v, int... dims) {
        return Tensor.of(v, dims);
    }

    @Test
    void accuracyResolvesFromTheLoss() {
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("accuracy", new CategoricalCrossentropy()));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("acc", new SparseCategoricalCrossentropy()));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("accuracy", new BinaryCrossentropy()));
        assertInstanceOf(Accuracy.class, Metrics.get("accuracy", new MeanSquaredError()));
        assertEquals("acc", Metrics.get("acc", new SparseCategoricalCrossentropy()).name());
        assertInstanceOf(LossMetric.class, Metrics.get("mae", null));
        ConfigException e = assertThrows(ConfigException.class, () -> Metrics.get("f1", null));
        assertEquals("'f1'", e.received());
    }

    @Test
    void accuracyResolvesFromShapesLikeKeras3() {
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("accuracy", Shape.of(8, 1), Shape.of(8, 1)));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", Shape.of(8, 5), Shape.of(8, 5, 10)));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", Shape.of(8, 1), Shape.of(8, 10)));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("accuracy", Shape.of(8, 10), Shape.of(8, 10)));
    }

    @Test
    void sparseAccuracyWithMaskAndTies() {
        // 2 sequences x 3 steps, 3 classes; step (1, 2) is masked. Row (0, 2) is a tie 0.4/0.4 -> class 0.
        Tensor ids = t(new float[] {0, 2, 0, 1, 1, 2}, 2, 3);
        Tensor probs = t(new float[] {
            0.7f, 0.2f, 0.1f,   0.1f, 0.1f, 0.8f,   0.4f, 0.4f, 0.2f,     // right, right, right (tie -> 0)
            0.5f, 0.3f, 0.2f,   0.1f, 0.8f, 0.1f,   0.9f, 0.05f, 0.05f},  // wrong, right, wrong but masked
                2, 3, 3);
        Tensor mask = t(new float[] {1, 1, 1, 1, 1, 0}, 2, 3);
        Metric acc = new SparseCategoricalAccuracy();
        acc.update(ids, probs, null, mask);
        assertEquals(4.0 / 5, acc.result(), 1e-7);            // masked step does not count
        acc.update(ids, probs, null, null);
        // Keras sums per-sample means of v*m and of m: batch 1 gives total 3/3 + 1/3, count 1 + 2/3;
        // the unmasked batch 2 gives total 3/3 + 1/3, count 2 (samples)
        double total = (3.0 / 3 + 1.0 / 3) + (3.0 / 3 + 1.0 / 3);
        double count = (1 + 2.0 / 3) + 2;
        assertEquals(total / count, acc.result(), 1e-7);
        acc.reset();
        assertEquals(0, acc.result());
    }

    @Test
    void categoricalAccuracyTiesGoToTheFirstIndex() {
        Tensor yTrue = t(new float[] {1, 0, 0, 0, 1, 0}, 2, 3);
        Tensor yPred = t(new float[] {0.5f, 0.5f, 0, 0.3f, 0.3f, 0.4f}, 2, 3);  // tie -> 0 (right); argmax 2 (wrong)
        Metric acc = new CategoricalAccuracy();
        acc.update(yTrue, yPred, null, null);
        assertEquals(0.5, acc.result(), 1e-7);
        assertThrows(ShapeException.class, () -> acc.update(Tensor.zeros(2, 2), yPred, null, null));
    }

    @Test
    void binaryAccuracyUsesAStrictThreshold() {
        Metric acc = new BinaryAccuracy();
        acc.update(t(new float[] {1, 0, 1, 0}, 4, 1), t(new float[] {0.9f, 0.5f, 0.5f, 0.2f}, 4, 1), null, null);
        assertEquals(0.75, acc.result(), 1e-7);   // 0.5 is not > 0.5: label 0 right, label 1 wrong
    }

    @Test
    void accuracyComparesExactly() {
        Metric acc = new Accuracy();
        acc.update(t(new float[] {1, 2, 3, 4}, 4), t(new float[] {1, 2, 3.0001f, 0}, 4, 1), null, null);
        assertEquals(0.5, acc.result(), 1e-7);
    }

    @Test
    void sampleWeightsWeighSamples() {
        Metric acc = new SparseCategoricalAccuracy();
        Tensor ids = t(new float[] {0, 1, 1}, 3);
        Tensor probs = t(new float[] {0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f}, 3, 2);   // right, wrong, right
        acc.update(ids, probs, t(new float[] {1, 3, 1}, 3), null);
        assertEquals(2.0 / 5, acc.result(), 1e-7);
        acc.update(ids, probs, Tensor.scalar(2), null);           // a scalar weighs the whole batch once
        assertEquals((2.0 + 2 * (2.0 / 3)) / (5 + 2), acc.result(), 1e-7);
    }

    @Test
    void meanAccumulatesWeightedValues() {
        Mean loss = new Mean("loss");
        loss.update(0.5, 32);
        loss.update(0.25, 16);
        assertEquals((0.5 * 32 + 0.25 * 16) / 48, loss.result(), 1e-12);
        Mean m = new Mean();
        m.update(null, t(new float[] {1, 3, 5, 7}, 4), t(new float[] {1, 1, 0, 0}, 4), null);
        assertEquals(2, m.result(), 1e-7);
    }

    @Test
    void lossMetricAveragesPerSampleLosses() {
        Metric mse = Metrics.get("mse", null);
        mse.update(t(new float[] {0, 0, 0, 0}, 2, 2), t(new float[] {1, 1, 2, 0}, 2, 2), null, null);
        assertEquals((1 + 2) / 2.0, mse.result(), 1e-7);      // per sample 1 and 2
    }
}
