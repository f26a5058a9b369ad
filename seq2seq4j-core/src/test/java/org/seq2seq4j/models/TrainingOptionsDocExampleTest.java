package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Captured;

/**
 * The Javadoc examples of {@link Model}, {@link FitOptions}, {@link BatchOptions}, {@link EvaluateOptions}
 * and {@link PredictOptions}, copied word for word, with their stated results checked.
 */
class TrainingOptionsDocExampleTest {
    private final Tensor x = Tensor.random(Shape.of(40, 4), 1);
    private final Tensor y = oneHot(40, 3);
    private final Tensor xTest = x.slice(30, 40);
    private final Tensor yTest = y.slice(30, 40);

    private static Tensor oneHot(int n, int k) {
        Tensor t = Tensor.zeros(n, k);
        for (int i = 0; i < n; i++) {
            t.data()[i * k + (i * 7) % k] = 1;
        }
        return t;
    }

    private static Sequential softmaxModel() {
        Seq2Seq4j.seed(5);
        return new Sequential().add(new Dense(3).activation("softmax").inputShape(4));
    }

    @Test
    void model() {
        Sequential model = softmaxModel();
        Tensor w = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 10);
        Tensor before = model.predict(xTest);
        Object[] result = new Object[3];
        String out = Captured.stdout(() -> {
            model.compile("rmsprop", "categorical_crossentropy", "accuracy");
            History h = model.fit(x, y, new FitOptions().batchSize(64).epochs(10).validationSplit(0.2));
            Map<String, Double> scores = model.evaluate(xTest, yTest, new EvaluateOptions().sampleWeight(w));
            Tensor probabilities = model.predict(xTest, new PredictOptions().batchSize(256).verbose(0));
            result[0] = h;
            result[1] = scores;
            result[2] = probabilities;
        });
        History h = (History) result[0];
        @SuppressWarnings("unchecked")
        Map<String, Double> scores = (Map<String, Double>) result[1];
        Tensor probabilities = (Tensor) result[2];
        // verbose 1 by default, as Keras: fit's epochs and evaluate's bar, nothing from predict with verbose 0
        assertTrue(out.contains("Epoch 10/10") && out.endsWith(" - accuracy: " + String.format(Locale.ROOT, "%.4f",
                scores.get("accuracy")) + System.lineSeparator()), out);
        assertEquals(10, h.get("val_loss").size());
        // weights of 1 give the unweighted mean (sum_over_batch_size divides by the entries, not the weights)
        assertEquals(model.evaluate(xTest, yTest).get("loss"), scores.get("loss"), 1e-6);
        for (int r = 0; r < 10; r++) {
            float sum = 0;
            for (int j = 0; j < 3; j++) {
                sum += probabilities.get(r, j);
            }
            assertEquals(1f, sum, 1e-6f, "softmax row " + r);
        }
        assertEquals(false, java.util.Arrays.equals(before.data(), probabilities.data()), "fit changed the model");
    }

    @Test
    void fitOptions() {
        FitOptions o = new FitOptions().batchSize(64).epochs(20).validationSplit(0.2).verbose(2);
        assertEquals(64, o.batchSize);
        assertEquals(20, o.epochs);
        assertEquals(0.2, o.validationSplit);
        assertEquals(2, o.verbose);
    }

    @Test
    void batchOptions() {
        EvaluateOptions o = new EvaluateOptions().batchSize(128).verbose(0);
        assertEquals(128, o.batchSize);
        assertEquals(0, o.verbose);
        assertEquals(32, new PredictOptions().batchSize);
        assertEquals(1, new PredictOptions().verbose);
    }

    @Test
    void evaluateOptions() {
        Sequential model = softmaxModel();
        model.compile("sgd", "categorical_crossentropy");
        Tensor w = Tensor.zeros(40);
        w.data()[0] = 40;          // all the weight on sample 0: the loss is sample 0's crossentropy
        Map<String, Double> scores = model.evaluate(x, y,
                new EvaluateOptions().batchSize(64).sampleWeight(w).verbose(0));
        double loss = scores.get("loss");
        double p0 = model.predict(x).get(0, 0);       // y[0] is class 0
        assertEquals(-Math.log(p0), loss, 1e-5);
    }

    @Test
    void predictOptions() {
        Sequential model = softmaxModel();
        Tensor probabilities = model.predict(x, new PredictOptions().batchSize(256).verbose(0));
        assertEquals(Shape.of(40, 3), probabilities.shape());
        assertEquals(model.predict(x, 1).get(39, 2), probabilities.get(39, 2), 1e-6f);
    }
}
