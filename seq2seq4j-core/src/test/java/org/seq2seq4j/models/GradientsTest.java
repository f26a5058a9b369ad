package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.TrainingException;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.optimizers.SGD;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * {@link Model#gradients}: the gradients of the mean squared error of a linear Dense layer equal the
 * hand derivation {@code dL/dW = 2/N Σ x (x·W + b - y)}, nothing is applied, and applying them is
 * the step {@code trainOnBatch} takes (the class Javadoc example).
 */
class GradientsTest {
    private static final float[] X = {1, 2, 0.5f, -1, 3, 0, -2, 1.5f};     // (4, 2)
    private static final float[] Y = {1, -1, 2, 0.5f};                       // (4, 1)
    private static final float[] W = {0.3f, -0.2f};
    private static final float B = 0.1f;

    private static Sequential model() {
        Sequential m = new Sequential().add(new Dense(1).inputShape(2));
        m.build(Shape.of(4, 2));
        m.setWeights(List.of(Tensor.of(W.clone(), 2, 1), Tensor.of(new float[] {B}, 1)));
        m.compile(new SGD().learningRate(0.1), org.seq2seq4j.losses.Losses.get("mse"));
        return m;
    }

    @Test
    void equalTheHandDerivationAndChangeNothing() {
        Sequential m = model();
        Gradients g = m.gradients(List.of(Tensor.of(X, 4, 2)), List.of(Tensor.of(Y, 4, 1)));
        double[] dW = new double[2];
        double dB = 0;
        double loss = 0;
        for (int i = 0; i < 4; i++) {
            double r = X[2 * i] * W[0] + X[2 * i + 1] * W[1] + B - Y[i];
            loss += r * r / 4;
            dW[0] += 2 * X[2 * i] * r / 4;
            dW[1] += 2 * X[2 * i + 1] * r / 4;
            dB += 2 * r / 4;
        }
        Map<String, Tensor> named = g.named();
        assertEquals(List.of(m.layers().get(0).name() + "/kernel", m.layers().get(0).name() + "/bias"),
                List.copyOf(named.keySet()));
        assertEquals(dW[0], g.values().get(0).data()[0], 1e-5);
        assertEquals(dW[1], g.values().get(0).data()[1], 1e-5);
        assertEquals(dB, g.values().get(1).data()[0], 1e-5);
        assertEquals(loss, g.loss(), 1e-5);
        assertEquals(4, g.samples());
        assertArrayEquals(W, m.getWeights().get(0).data());
        assertEquals(0, m.optimizer().iterations());
    }

    @Test
    void applyingThemIsTrainOnBatch() {
        Sequential a = model();
        Sequential b = model();
        Tensor x = Tensor.of(X, 4, 2);
        Tensor y = Tensor.of(Y, 4, 1);
        Sequential model = a;
        Gradients g = model.gradients(List.of(x), List.of(y));   // forward and backward, weights unchanged
        model.optimizer().apply(g.variables(), g.values());      // the step trainOnBatch would take
        // g.named().keySet() -> [dense/kernel, dense/bias]
        assertEquals(List.of("kernel", "bias"), g.variables().stream().map(v -> v.name()).toList());
        b.trainOnBatch(List.of(x), List.of(y));
        assertArrayEquals(b.getWeights().get(0).data(), a.getWeights().get(0).data());
        assertArrayEquals(b.getWeights().get(1).data(), a.getWeights().get(1).data());
    }

    @Test
    void needACompiledModelAndAFiniteLoss() {
        Sequential m = new Sequential().add(new Dense(1).inputShape(2));
        Seq2SeqException e = assertThrows(Seq2SeqException.class,
                () -> m.gradients(List.of(Tensor.of(X, 4, 2)), List.of(Tensor.of(Y, 4, 1))));
        assertEquals(true, e.getMessage().contains("gradients needs a compiled model"), e.getMessage());
        Sequential c = model();
        float[] bad = Y.clone();
        bad[2] = Float.NaN;
        TrainingException t = assertThrows(TrainingException.class,
                () -> c.gradients(List.of(Tensor.of(X, 4, 2)), List.of(Tensor.of(bad, 4, 1))));
        assertEquals("gradients: loss must be finite but was NaN", t.getMessage());
    }
}
