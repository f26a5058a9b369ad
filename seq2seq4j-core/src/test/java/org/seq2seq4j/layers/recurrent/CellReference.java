package org.seq2seq4j.layers.recurrent;

import java.util.List;

/**
 * A plain double-precision recurrent layer, one batch row and one timestep at a time, written from
 * the Keras 3 cell formulas: LSTM, GRU (reset after and before), SimpleRNN (tanh / sigmoid),
 * stacked per step as Keras's StackedRNNCells, with Keras's mask, go_backwards, return rules and
 * fixed dropout masks (one per gate, or one for all). The reference finite differences run on.
 * Arrays are row-major: x (B, T, F), kernel (F, G·u), recurrent (u, G·u), bias (G·u) or (2, G·u)
 * or null, initial states (B, u) or null, mask (B, T) or null, dropout masks (B, F) / (B, u).
 */
public record CellReference(int batch, int steps, int features, boolean goBackwards, boolean returnSequences,
                            boolean zeroOutputForMask) {

    /** The cell formulas. */
    public enum Kind {
        LSTM(4, 2), GRU_RESET_AFTER(3, 1), GRU_RESET_BEFORE(3, 1), SIMPLE_RNN(1, 1);

        final int gates;
        final int states;

        Kind(int gates, int states) {
            this.gates = gates;
            this.states = states;
        }
    }

    /** One cell: its formulas, units, weights and dropout masks (null for none). */
    public record Cell(Kind kind, int units, double[] kernel, double[] recurrent, double[] bias,
                       float[][] inputMasks, float[][] recurrentMasks) {
    }

    /** Returns {output, states of every cell...}; output is (B, T, u) in processing order with return_sequences, else (B, u). */
    public double[][] run(double[] x, List<Cell> cells, double[][] initial, float[] mask) {
        int ns = 0;
        for (Cell c : cells) {
            ns += c.kind.states;
        }
        double[][] states = new double[ns][];
        int k = 0;
        for (Cell c : cells) {
            for (int s = 0; s < c.kind.states; s++, k++) {
                states[k] = initial != null ? initial[k].clone() : new double[batch * c.units];
            }
        }
        int u = cells.get(cells.size() - 1).units;
        double[] last = new double[batch * u];
        double[] seq = new double[batch * steps * u];
        for (int s = 0; s < steps; s++) {
            int t = goBackwards ? steps - 1 - s : s;
            for (int b = 0; b < batch; b++) {
                if (mask == null || mask[b * steps + t] != 0) {
                    double[] in = new double[features];
                    System.arraycopy(x, (b * steps + t) * features, in, 0, features);
                    int first = 0;
                    for (Cell c : cells) {
                        in = step(c, b, in, states, first);
                        first += c.kind.states;
                    }
                    System.arraycopy(in, 0, last, b * u, u);
                } else if (zeroOutputForMask) {
                    java.util.Arrays.fill(last, b * u, b * u + u, 0);
                }
                System.arraycopy(last, b * u, seq, (b * steps + s) * u, u);
            }
        }
        double[][] out = new double[1 + ns][];
        out[0] = returnSequences ? seq : last;
        System.arraycopy(states, 0, out, 1, ns);
        return out;
    }

    /** One step of one cell for batch row b; updates its states (from index first) and returns its output. */
    private static double[] step(Cell c, int b, double[] in, double[][] states, int first) {
        int u = c.units;
        int gu = c.kind.gates * u;
        int f = in.length;
        double[] h = states[first];
        double[] xz = new double[gu];
        double[] hz = new double[gu];
        boolean separate = c.kind == Kind.GRU_RESET_AFTER;
        for (int q = 0; q < gu; q++) {
            int g = q / u;
            double sum = c.bias == null ? 0 : c.bias[q];
            for (int i = 0; i < f; i++) {
                sum += in[i] * mask(c.inputMasks, g, b * f + i) * c.kernel[i * gu + q];
            }
            xz[q] = sum;
            double r = separate && c.bias != null ? c.bias[gu + q] : 0;
            if (c.kind != Kind.GRU_RESET_BEFORE || g < 2) {
                for (int p = 0; p < u; p++) {
                    r += h[b * u + p] * mask(c.recurrentMasks, g, b * u + p) * c.recurrent[p * gu + q];
                }
            }
            hz[q] = r;
        }
        double[] out = new double[u];
        switch (c.kind) {
            case SIMPLE_RNN -> {
                for (int j = 0; j < u; j++) {
                    out[j] = Math.tanh(xz[j] + hz[j]);
                }
            }
            case LSTM -> {
                double[] cs = states[first + 1];
                for (int j = 0; j < u; j++) {
                    double i = sigmoid(xz[j] + hz[j]);
                    double fg = sigmoid(xz[u + j] + hz[u + j]);
                    double g = Math.tanh(xz[2 * u + j] + hz[2 * u + j]);
                    double o = sigmoid(xz[3 * u + j] + hz[3 * u + j]);
                    cs[b * u + j] = fg * cs[b * u + j] + i * g;
                    out[j] = o * Math.tanh(cs[b * u + j]);
                }
            }
            default -> {
                double[] rg = new double[u];
                for (int j = 0; j < u; j++) {
                    rg[j] = sigmoid(xz[u + j] + hz[u + j]);
                }
                for (int j = 0; j < u; j++) {
                    double zg = sigmoid(xz[j] + hz[j]);
                    double rh;
                    if (separate) {
                        rh = rg[j] * hz[2 * u + j];
                    } else {
                        rh = 0;
                        for (int p = 0; p < u; p++) {
                            rh += rg[p] * h[b * u + p] * mask(c.recurrentMasks, 2, b * u + p) * c.recurrent[p * gu + 2 * u + j];
                        }
                    }
                    double hh = Math.tanh(xz[2 * u + j] + rh);
                    out[j] = zg * h[b * u + j] + (1 - zg) * hh;
                }
            }
        }
        System.arraycopy(out, 0, h, b * u, u);
        return out;
    }

    private static double mask(float[][] masks, int gate, int i) {
        return masks == null ? 1 : masks[masks.length == 1 ? 0 : gate][i];
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
