package org.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Checks a layer call against a double-precision reference: the forward outputs within 1e-5, and
 * the tape gradients of {@code loss = Σ_k Σ_i out_k[i] · r_k[i]} (fixed random {@code r}) against
 * central finite differences of the reference, for every parameter. Parameter {@code k} is held
 * by {@code sources.get(k)} on the float side (an input or a weight's value) and by
 * {@code params[k]} on the reference side; the reference returns at least one array per output.
 */
public record ReferenceGradCheck(double step, double tol) {

    /** Fails with the parameter name, index and both values when {@code |backward - fd| > tol · max(|fd|, 1e-2)}. */
    public void check(String what, Function<Tensor[], Tensor[]> call, Tensor[] inputs, List<Tensor> sources,
                      double[][] params, String[] names, Function<double[][], double[][]> reference) {
        Tensor[] out;
        Tensor[] seeds;
        Map<Tensor, Tensor> grads;
        try (Tape tape = Tape.record()) {
            for (Tensor in : inputs) {
                tape.watch(in);
            }
            out = call.apply(inputs);
            seeds = new Tensor[out.length];
            for (int k = 0; k < out.length; k++) {
                seeds[k] = Tensor.random(out[k].shape(), 100 + k);
            }
            grads = tape.gradient(out, seeds, sources);
        }
        double[][] expected = reference.apply(params);
        for (int k = 0; k < out.length; k++) {
            assertAllClose(toFloat(expected[k]), out[k].data(), 1e-5, what + " forward output " + k);
        }
        for (int k = 0; k < params.length; k++) {
            float[] analytic = grads.get(sources.get(k)).data();
            double[] p = params[k];
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + step;
                double up = loss(reference.apply(params), seeds);
                p[i] = keep - step;
                double down = loss(reference.apply(params), seeds);
                p[i] = keep;
                double fd = (up - down) / (2 * step);
                if (!(Math.abs(analytic[i] - fd) <= tol * Math.max(Math.abs(fd), 1e-2))) {
                    fail(String.format("%s: d loss / d %s[%d]: finite difference %.8g, backward %.8g", what, names[k], i,
                            fd, analytic[i]));
                }
            }
        }
    }

    private static double loss(double[][] outputs, Tensor[] seeds) {
        double sum = 0;
        for (int k = 0; k < seeds.length; k++) {
            for (int i = 0; i < outputs[k].length; i++) {
                sum += outputs[k][i] * seeds[k].data()[i];
            }
        }
        return sum;
    }

    /** The values rounded to float. */
    public static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
