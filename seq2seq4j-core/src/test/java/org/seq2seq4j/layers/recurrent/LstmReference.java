package org.seq2seq4j.layers.recurrent;

/**
 * A plain double-precision LSTM (tanh / sigmoid), one batch row and one timestep at a time, with
 * Keras's mask, go_backwards and return rules: the reference that finite differences run on.
 * Arrays are row-major: x (B, T, F), kernel (F, 4u), recurrent (u, 4u), bias (4u) or null,
 * h0/c0 (B, u) or null, mask (B, T) or null.
 */
public record LstmReference(int batch, int steps, int features, int units,
                            boolean goBackwards, boolean returnSequences, boolean zeroOutputForMask) {

    /** Returns {output, h, c}; output is (B, T, u) in processing order with return_sequences, else (B, u). */
    public double[][] run(double[] x, double[] kernel, double[] recurrent, double[] bias,
                          double[] h0, double[] c0, float[] mask) {
        int u = units;
        double[] h = h0 != null ? h0.clone() : new double[batch * u];
        double[] c = c0 != null ? c0.clone() : new double[batch * u];
        double[] last = new double[batch * u];
        double[] seq = new double[batch * steps * u];
        double[] z = new double[4 * u];
        for (int s = 0; s < steps; s++) {
            int t = goBackwards ? steps - 1 - s : s;
            for (int b = 0; b < batch; b++) {
                if (mask == null || mask[b * steps + t] != 0) {
                    for (int q = 0; q < 4 * u; q++) {
                        double sum = bias == null ? 0 : bias[q];
                        for (int f = 0; f < features; f++) {
                            sum += x[(b * steps + t) * features + f] * kernel[f * 4 * u + q];
                        }
                        for (int p = 0; p < u; p++) {
                            sum += h[b * u + p] * recurrent[p * 4 * u + q];
                        }
                        z[q] = sum;
                    }
                    for (int j = 0; j < u; j++) {
                        double i = sigmoid(z[j]);
                        double fg = sigmoid(z[u + j]);
                        double g = Math.tanh(z[2 * u + j]);
                        double o = sigmoid(z[3 * u + j]);
                        c[b * u + j] = fg * c[b * u + j] + i * g;
                        h[b * u + j] = o * Math.tanh(c[b * u + j]);
                        last[b * u + j] = h[b * u + j];
                    }
                } else if (zeroOutputForMask) {
                    java.util.Arrays.fill(last, b * u, b * u + u, 0);
                }
                System.arraycopy(last, b * u, seq, (b * steps + s) * u, u);
            }
        }
        return new double[][] {returnSequences ? seq : last, h, c};
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
