package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Checks tape gradients against central finite differences. The scalar checked is
 * {@code L = Σ_k Σ_i out_k[i] · r_k[i]} with fixed random weights {@code r}, summed in double, so
 * every output and every element counts.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /**
     * Compares d L / d input for every input listed in {@code check} with central differences of
     * step {@code eps}; fails when {@code |analytic - numeric| > tol * max(1, |numeric|)}.
     */
    public static void check(String what, Function<Tensor[], Tensor[]> f, Tensor[] inputs, int[] check,
                             double eps, double tol) {
        Tensor[] seeds;
        Map<Tensor, Tensor> grads;
        try (Tape tape = Tape.record()) {
            for (int i : check) {
                tape.watch(inputs[i]);
            }
            Tensor[] out = f.apply(inputs);
            seeds = new Tensor[out.length];
            SplittableRandom r = new SplittableRandom(7);
            for (int k = 0; k < out.length; k++) {
                seeds[k] = Tensor.zeros(out[k].shape());
                for (int i = 0; i < seeds[k].size(); i++) {
                    seeds[k].data()[i] = (float) (r.nextDouble() * 2 - 1);
                }
            }
            List<Tensor> sources = new ArrayList<>();
            for (int i : check) {
                sources.add(inputs[i]);
            }
            grads = tape.gradient(out, seeds, sources);
        }
        for (int i : check) {
            float[] x = inputs[i].data();
            float[] g = grads.get(inputs[i]).data();
            for (int j = 0; j < x.length; j++) {
                float saved = x[j];
                x[j] = (float) (saved + eps);
                double plus = weighted(f.apply(inputs), seeds);
                x[j] = (float) (saved - eps);
                double minus = weighted(f.apply(inputs), seeds);
                x[j] = saved;
                double numeric = (plus - minus) / (2 * eps);
                if (!(Math.abs(g[j] - numeric) <= tol * Math.max(1, Math.abs(numeric)))) {
                    fail(String.format("%s: d/d input %d [%d]: analytic %.7g vs finite difference %.7g", what, i, j,
                            g[j], numeric));
                }
            }
        }
    }

    private static double weighted(Tensor[] out, Tensor[] seeds) {
        double s = 0;
        for (int k = 0; k < out.length; k++) {
            for (int i = 0; i < out[k].size(); i++) {
                s += (double) out[k].data()[i] * seeds[k].data()[i];
            }
        }
        return s;
    }
}
