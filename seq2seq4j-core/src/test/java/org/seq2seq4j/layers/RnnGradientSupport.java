package org.seq2seq4j.layers;

import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/** Shared pieces of the recurrent finite-difference tests: random parameters, the seeded loss, float/double copies. */
final class RnnGradientSupport {
    private RnnGradientSupport() {
    }

    /** Σ_k Σ_i out_k[i]·seed_k[i], in double. */
    static double loss(double[][] refOut, Tensor[] seeds) {
        double sum = 0;
        for (int k = 0; k < seeds.length; k++) {
            for (int i = 0; i < refOut[k].length; i++) {
                sum += refOut[k][i] * seeds[k].data()[i];
            }
        }
        return sum;
    }

    /** {@code n} values uniform in [-scale, scale). */
    static float[] random(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
