package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seq2seq4j.testing.Captured.stdout;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Masking;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.metrics.Metrics;
import org.seq2seq4j.optimizers.SGD;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.Goldens;

/**
 * {@link EvaluateOptions} and {@link PredictOptions}: sample weights per sample and per timestep
 * reduced as Keras 3 (golden loss values and hand-computed accuracies), Keras's batch semantics
 * (the batch losses averaged with the batch sizes as weights), verbose progress only when asked,
 * and clear errors.
 */
class EvaluatePredictOptionsTest {
    /** The golden loss cases with per-sample or per-timestep weights and a sum_over_batch_size result. */
    static Stream<Golden> weightedLossCases() {
        if (!Goldens.available()) {
            return Stream.empty();
        }
        List<Golden> found = Goldens.where(g -> g.className().equals("Loss") && weightedOutput(g) != null).toList();
        assertTrue(found.stream().anyMatch(g -> g.input("sample_weight").shape().last() == 1),
                "a per-sample weighted case in " + Goldens.DIR);
        assertTrue(found.stream().anyMatch(g -> g.input("sample_weight").shape().last() > 1),
                "a per-timestep weighted case in " + Goldens.DIR);
        return found.stream();
    }

    /** The output holding the sum_over_batch_size loss with the case's sample_weight, or null. */
    private static String weightedOutput(Golden g) {
        Tensor w = g.input("sample_weight");
        if (w == null || w.rank() == 0) {
            return null;                        // evaluate takes weights per sample, not one for the batch
        }
        for (String name : List.of("loss_sample_weighted", "loss_timestep_weighted")) {
            if (g.outputNames().contains(name)) {
                return name;
            }
        }
        boolean perBatchSize = g.config().path("reduction").asText("sum_over_batch_size").equals("sum_over_batch_size");
        return perBatchSize && g.outputNames().equals(List.of("loss")) ? "loss" : null;
    }

    /** A model whose prediction is its input: one Dense with an identity kernel and no bias. */
    private static Sequential identity(Shape yPred) {
        int k = yPred.last();
        int[] in = new int[yPred.rank() - 1];
        for (int i = 0; i < in.length; i++) {
            in[i] = yPred.dim(i + 1);
        }
        Sequential m = new Sequential().add(new Dense(k).useBias(false).inputShape(in));
        m.build(yPred);
        m.setWeights(List.of(eye(k)));
        return m;
    }

    private static Tensor eye(int k) {
        Tensor t = Tensor.zeros(k, k);
        for (int i = 0; i < k; i++) {
            t.data()[i * k + i] = 1;
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightedLossCases")
    void sampleWeightedLossIsKerasForEveryBatchSize(Golden g) {
        Tensor yPred = g.input("y_pred");
        Loss loss = Losses.fromConfig("Loss", g.layerConfig());
        Sequential m = identity(yPred.shape());
        m.compile(new SGD(), loss);
        double expected = g.output(weightedOutput(g)).item();
        int n = yPred.shape().dim(0);
        for (int batch = 1; batch <= n; batch++) {
            // sum_over_batch_size divides by the entries of each batch, and the batch losses are averaged
            // with the batch sizes as weights: the whole-set value whatever the batch size
            double actual = m.evaluate(yPred, g.input("y_true"), new EvaluateOptions().batchSize(batch)
                    .sampleWeight(g.input("sample_weight")).verbose(0)).get("loss");
            assertEquals(expected, actual, g.tolerance() + 1e-6 * Math.abs(expected), g.name() + " batch " + batch);
        }
    }

    /**
     * loss_masked_sequence_scce through a model: Masking marks the golden's masked timesteps (fed as
     * zeros), Dense(identity) + softmax turns log(y_pred) back into y_pred on the valid ones.
     */
    private static Object[] maskedSequenceModel() {
        Golden g = Goldens.named("loss_masked_sequence_scce");
        Tensor p = g.input("y_pred");
        Tensor mask = g.input("mask");
        int classes = p.shape().last();
        Tensor x = Tensor.zeros(p.shape());
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = mask.data()[i / classes] != 0 ? (float) Math.log(p.data()[i]) : 0f;
        }
        Sequential m = new Sequential()
                .add(new Masking(0.0).inputShape(p.shape().dim(1), classes))
                .add(new Dense(classes).useBias(false).activation("softmax"));
        m.setWeights(List.of(eye(classes)));
        Loss loss = Losses.get("sparse_categorical_crossentropy");
        m.compile(new SGD(), loss, Metrics.get("accuracy", loss));
        return new Object[] {g, m, x};
    }

    @Test
    void maskedTimestepWeightsFollowKerasPerBatch() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
        Object[] c = maskedSequenceModel();
        Golden g = (Golden) c[0];
        Sequential m = (Sequential) c[1];
        Tensor x = (Tensor) c[2];
        Tensor y = g.input("y_true");
        Tensor w = g.input("sample_weight");
        Supplier<EvaluateOptions> o = () -> new EvaluateOptions().sampleWeight(w).verbose(0);
        // one batch: sum(loss * mask * w) / valid entries
        double whole = g.output("loss_masked_sample_weighted").item();
        assertEquals(whole, m.evaluate(x, y, o.get().batchSize(2)).get("loss"), 1e-5);
        // one sample per batch: each sample's masked mean, then their mean (by hand from per_timestep)
        float[] l = g.output("per_timestep").data();
        double sample0 = (l[0] * 1 + l[1] * 2 + l[2] * 1) / 3.0;      // valid t0..t2, weights 1, 2, 1
        double sample1 = (l[4] * 0.5 + l[5] * 1) / 2.0;               // valid t0, t1, weights 0.5, 1
        assertEquals((sample0 + sample1) / 2, m.evaluate(x, y, o.get().batchSize(1)).get("loss"), 1e-5);
        // accuracy: argmax of y_pred vs y_true is right at (0, t3), (1, t0), (1, t1); masked (0, t3) drops out:
        // (0.5 + 1) / (1 + 2 + 1 + 0.5 + 1), whatever the batch size
        for (int batch = 1; batch <= 2; batch++) {
            assertEquals(1.5 / 5.5, m.evaluate(x, y, o.get().batchSize(batch)).get("accuracy"), 1e-6, "batch " + batch);
        }
    }

    @Test
    void timestepWeightedAccuracyIsTheWeightedMean() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
        Golden g = Goldens.named("loss_masked_sequence_scce");
        Tensor p = g.input("y_pred");
        Sequential m = identity(p.shape());
        Loss loss = Losses.get("sparse_categorical_crossentropy");
        m.compile(new SGD(), loss, Metrics.get("accuracy", loss));
        // right at (0, t3) weight 1, (1, t0) weight 0.5, (1, t1) weight 1; all weights sum to 10.5
        for (int batch = 1; batch <= 2; batch++) {
            Map<String, Double> r = m.evaluate(p, g.input("y_true"),
                    new EvaluateOptions().batchSize(batch).sampleWeight(g.input("sample_weight")).verbose(0));
            assertEquals(2.5 / 10.5, r.get("accuracy"), 1e-6, "batch " + batch);
        }
        assertEquals(3 / 8.0, m.evaluate(p, g.input("y_true")).get("accuracy"), 1e-6, "unweighted: 3 of 8 right");
    }

    /** y = 2x through Dense(1) with kernel 2: the loss is known in closed form. */
    private static Sequential doubler() {
        Sequential m = new Sequential().add(new Dense(1).useBias(false).inputShape(1));
        m.build(Shape.of(Shape.UNKNOWN, 1));
        m.setWeights(List.of(Tensor.of(new float[] {2}, 1, 1)));
        m.compile(new SGD(), Losses.get("mse"));
        return m;
    }

    @Test
    void progressIsPrintedOnlyWhenAsked() {
        Sequential m = doubler();
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor y = Tensor.zeros(3, 1);      // loss = mean((2x)^2) = (4 + 16 + 36) / 3
        assertEquals("", stdout(() -> {
            assertEquals(56 / 3.0, m.evaluate(x, y).get("loss"), 1e-5);
            m.evaluate(x, y, new EvaluateOptions().verbose(0));
            m.predict(x);
            m.predict(x, new PredictOptions().verbose(0));
            m.predictClasses(x);
        }));
        String bar = stdout(() -> m.evaluate(x, y, new EvaluateOptions().batchSize(2)));
        assertTrue(bar.contains("2/2 [==============================]") && bar.contains("loss: 18.6667"), bar);
        assertFalse(bar.contains("Epoch"), bar);
        String line = stdout(() -> m.evaluate(x, y, new EvaluateOptions().verbose(2)));
        assertTrue(line.startsWith("1/1 - ") && line.contains("loss: 18.6667") && line.lines().count() == 1, line);
        String predicted = stdout(() -> assertArrayEquals(new float[] {2, 4, 6},
                m.predict(x, new PredictOptions().batchSize(1)).data()));
        assertTrue(predicted.contains("3/3 [==============================]"), predicted);
    }

    @Test
    void predictOptionsBatchSizeDoesNotChangeTheOutputs() {
        Sequential m = doubler();
        Tensor x = Tensor.random(Shape.of(7, 1), 3);
        float[] expected = new float[7];
        for (int i = 0; i < 7; i++) {
            expected[i] = 2 * x.data()[i];
        }
        for (int batch : new int[] {1, 3, 7, 64}) {
            assertArrayEquals(expected, m.predictAll(List.of(x), new PredictOptions().batchSize(batch).verbose(0))
                    .get(0).data(), 1e-6f, "batch " + batch);
        }
    }

    @Test
    void badOptionsAndWeightsAreClearErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> new EvaluateOptions().batchSize(0));
        assertEquals("evaluate", e.subject());
        assertEquals("batch_size", e.argument());
        e = assertThrows(ConfigException.class, () -> new PredictOptions().verbose(3));
        assertEquals("predict", e.subject());
        assertEquals("verbose", e.argument());
        assertEquals("3", e.received());
        e = assertThrows(ConfigException.class, () -> new FitOptions().batchSize(-1));
        assertEquals("fit", e.subject());

        Sequential m = doubler();
        Tensor x = Tensor.zeros(3, 1);
        ShapeException s = assertThrows(ShapeException.class, () -> m.evaluate(x, x,
                new EvaluateOptions().sampleWeight(Tensor.zeros(2))));
        assertEquals(Shape.of(2), s.received());
        assertTrue(s.getMessage().contains("evaluate: sample_weight") && s.getMessage().contains("(3,)"),
                s.getMessage());
        s = assertThrows(ShapeException.class, () -> m.evaluate(x, x,
                new EvaluateOptions().sampleWeight(Tensor.scalar(1f))));
        assertEquals(Shape.of(), s.received());
        s = assertThrows(ShapeException.class, () -> m.predict(Tensor.zeros(0, 1), new PredictOptions()));
        assertEquals(Shape.of(0, 1), s.received());
        assertTrue(s.getMessage().contains("at least one sample"), s.getMessage());
        s = assertThrows(ShapeException.class, () -> m.fit(x, x,
                new FitOptions().sampleWeight(Tensor.zeros(4, 2)).verbose(0)));
        assertTrue(s.getMessage().startsWith("fit: sample_weight"), s.getMessage());
    }
}
