package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.kernels.Activation;

/**
 * Gate activations for the recurrent step kernels, dispatched once per row slice rather than
 * per value. Sigmoid and tanh use float formulas built on the {@code Math.exp} intrinsic; they
 * stay within 1e-6 (absolute) of {@link Activation#sigmoid} and {@link Activation#tanh}.
 * Other elementwise activations go through {@link Activation#forward}.
 */
final class GateMath {
    private GateMath() {
    }

    /** {@code x[off, off + n) = a(x)} in place; {@code a} must be elementwise. */
    static void activate(Activation a, float[] x, int off, int n) {
        switch (a) {
            case SIGMOID:
                for (int i = off; i < off + n; i++) {
                    x[i] = sigmoid(x[i]);
                }
                break;
            case TANH:
                for (int i = off; i < off + n; i++) {
                    x[i] = tanh(x[i]);
                }
                break;
            default:
                a.forward(x, off, n, n);
        }
    }

    /** 1 / (1 + e^-x); exp overflow gives the right limits (0 and 1). */
    static float sigmoid(float x) {
        return 1f / (1f + (float) Math.exp(-x));
    }

    /** 1 - 2 / (1 + e^2x); absolute error below 2e-7, exact limits -1 and 1. */
    static float tanh(float x) {
        return 1f - 2f / (1f + (float) Math.exp(2f * x));
    }
}
