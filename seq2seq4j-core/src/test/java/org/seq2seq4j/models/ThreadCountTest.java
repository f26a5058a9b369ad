package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TestData.oneHot;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Results do not depend on {@link Gemms#setThreads the thread count} beyond float32 summation
 * order: the same training (three Adam steps) and prediction of an encoder-decoder on 1 and on 2
 * threads, at sizes where every split kernel (GEMM, recurrent product, gate maths, softmax) runs
 * in parallel. Prints the largest differences measured.
 */
class ThreadCountTest {
    /** Trains a fresh, identically seeded model on {@code threads} threads; returns its weights and predictions. */
    private static List<float[]> run(int threads, Tensor enc, Tensor dec, Tensor target) {
        int before = Gemms.threads();
        Gemms.setThreads(threads);
        try {
            Seq2Seq4j.seed(21);
            KerasTensor encIn = Input.of(Shape.UNKNOWN, 40);
            List<KerasTensor> encoder = new LSTM(128).returnState(true).applyAll(
                    new Bidirectional(new GRU(64).returnSequences(true)).apply(encIn));
            KerasTensor decIn = Input.of(Shape.UNKNOWN, 40);
            KerasTensor seq = new LSTM(128).returnSequences(true).apply(decIn, encoder.get(1), encoder.get(2));
            Model m = Model.of(List.of(encIn, decIn), List.of(new Dense(40).activation("softmax").apply(seq)));
            m.compile("adam", "categorical_crossentropy");
            m.fit(List.of(enc, dec), target, new FitOptions().batchSize(64).epochs(3).shuffle(false).verbose(0));
            List<float[]> out = new ArrayList<>();
            for (Variable v : m.weights()) {
                out.add(v.value().data().clone());
            }
            out.add(m.predictAll(List.of(enc, dec), new PredictOptions().batchSize(64).verbose(0)).get(0).data());
            return out;
        } finally {
            Gemms.setThreads(before);
        }
    }

    @Test
    void oneAndTwoThreadsAgreeUpToSummationOrder() {
        Tensor enc = oneHot(64, 12, 40, 1);
        Tensor dec = oneHot(64, 10, 40, 2);
        Tensor target = oneHot(64, 10, 40, 3);
        List<float[]> one = run(1, enc, dec, target);
        List<float[]> two = run(2, enc, dec, target);
        double weights = 0;
        for (int k = 0; k < one.size() - 1; k++) {
            weights = Math.max(weights, maxAbsDiff(one.get(k), two.get(k)));
        }
        double predictions = maxAbsDiff(one.get(one.size() - 1), two.get(two.size() - 1));
        System.out.printf(java.util.Locale.ROOT, "1 vs 2 threads (%s GEMM), after 3 Adam steps: largest weight "
                + "difference %.3g, largest prediction difference %.3g%n", Gemms.get().name(), weights, predictions);
        assertTrue(weights <= 1e-5, "weights differ by " + weights);
        assertTrue(predictions <= 1e-5, "predictions differ by " + predictions);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double worst = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            double d = Math.abs((double) a[i] - b[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        return worst;
    }
}
