package org.seq2seq4j.seq2seq;

/**
 * The cells of the original seq2seq library (farizrahman4u/seq2seq {@code cells.py}) and the
 * recurrentshop containers that run them ({@code RecurrentSequential} with readout, state_sync and
 * decode), transcribed in double precision for tests, with Keras's LSTM and GRU steps where the
 * original used recurrentshop's. Row vectors; weights row-major in Keras layout
 * ({@code (in, out)}), gates i, f, c, o (LSTM) and z, r, h (GRU, reset_after, bias rows: input,
 * recurrent). Every method runs whole sequences for a batch and returns flat arrays.
 */
final class Seq2SeqReference {
    private final CellType type;
    private final int u;

    Seq2SeqReference(CellType type, int units) {
        this.type = type;
        this.u = units;
    }

    /** {@code [h, c]} after one LSTM step, or {@code [h]} after one GRU step; {@code b2} is an LSTM's second bias or null. */
    double[][] step(double[] x, double[] h, double[] c, double[] w, double[] rk, double[] b, double[] b2) {
        return type == CellType.LSTM ? lstm(x, h, c, w, rk, b, b2) : new double[][] {gru(x, h, w, rk, b)};
    }

    private double[][] lstm(double[] x, double[] h, double[] c, double[] w, double[] rk, double[] b, double[] b2) {
        double[] z = add(add(dot(x, w, 4 * u), dot(h, rk, 4 * u)), b);
        if (b2 != null) {
            z = add(z, b2);
        }
        double[] hn = new double[u];
        double[] cn = new double[u];
        for (int j = 0; j < u; j++) {
            double i = sigmoid(z[j]);
            double f = sigmoid(z[u + j]);
            double g = Math.tanh(z[2 * u + j]);
            double o = sigmoid(z[3 * u + j]);
            cn[j] = f * c[j] + i * g;
            hn[j] = o * Math.tanh(cn[j]);
        }
        return new double[][] {hn, cn};
    }

    private double[] gru(double[] x, double[] h, double[] w, double[] rk, double[] bias) {
        double[] bx = new double[3 * u];
        double[] bh = new double[3 * u];
        System.arraycopy(bias, 0, bx, 0, 3 * u);
        System.arraycopy(bias, 3 * u, bh, 0, 3 * u);
        double[] a = add(dot(x, w, 3 * u), bx);
        double[] r = add(dot(h, rk, 3 * u), bh);
        double[] out = new double[u];
        for (int j = 0; j < u; j++) {
            double z = sigmoid(a[j] + r[j]);
            double rr = sigmoid(a[u + j] + r[u + j]);
            double hh = Math.tanh(a[2 * u + j] + rr * r[2 * u + j]);
            out[j] = z * h[j] + (1 - z) * hh;
        }
        return out;
    }

    /** {@code act(h·W_o + b_o)}, act tanh or softmax. */
    static double[] readout(double[] h, double[] wo, double[] bo, boolean softmax) {
        double[] y = add(dot(h, wo, bo.length), bo);
        if (softmax) {
            return softmax(y);
        }
        for (int k = 0; k < y.length; k++) {
            y[k] = Math.tanh(y[k]);
        }
        return y;
    }

    int stateCount() {
        return type == CellType.LSTM ? 2 : 1;
    }

    /**
     * {@code RNN(LSTMDecoderCell)} (or GRU) with return_sequences over {@code x (batch, T, in)} from
     * zero states: p = {x, kernel, recurrent_kernel, bias, output_kernel, output_bias}.
     */
    double[] decoderCellSequence(double[][] p, int batch, int steps, int in, int od, boolean softmax) {
        double[] out = new double[batch * steps * od];
        for (int b = 0; b < batch; b++) {
            double[][] s = {new double[u], new double[u]};
            for (int t = 0; t < steps; t++) {
                double[] x = row(p[0], (b * steps + t) * in, in);
                s = step(x, s[0], s.length > 1 ? s[1] : null, p[1], p[2], p[3], null);
                System.arraycopy(readout(s[0], p[4], p[5], softmax), 0, out, (b * steps + t) * od, od);
            }
        }
        return out;
    }

    /**
     * AttentionDecoderCell run for {@code steps} decoder steps over {@code H (batch, T, d)} with
     * {@code mask (batch, T)}, zero initial states: p = {H, kernel, recurrent_kernel, bias,
     * [recurrent_bias (LSTM)], output_kernel, output_bias, attention_kernel, attention_bias}.
     */
    double[] attentionSequence(double[][] p, double[] mask, int batch, int t, int d, int steps, int od,
                               boolean softmax) {
        boolean lstm = type == CellType.LSTM;
        int k = lstm ? 5 : 4;
        double[] wa = p[k + 2];
        double ba = p[k + 3][0];
        double[] out = new double[batch * steps * od];
        for (int b = 0; b < batch; b++) {
            double[][] s = {new double[u], new double[u]};
            for (int i = 0; i < steps; i++) {
                double[] attended = lstm ? s[1] : s[0];          // the original concatenates c_tm1
                double[] e = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    e[j] = ba;
                    for (int f = 0; f < d; f++) {
                        e[j] += p[0][(b * t + j) * d + f] * wa[f];
                    }
                    for (int q = 0; q < u; q++) {
                        e[j] += attended[q] * wa[d + q];
                    }
                    if (mask[b * t + j] != 0) {
                        max = Math.max(max, e[j]);
                    }
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    e[j] = mask[b * t + j] != 0 ? Math.exp(e[j] - max) : 0;
                    sum += e[j];
                }
                double[] context = new double[d];
                for (int j = 0; j < t; j++) {
                    for (int f = 0; f < d; f++) {
                        context[f] += e[j] / sum * p[0][(b * t + j) * d + f];
                    }
                }
                s = step(context, s[0], lstm ? s[1] : null, p[1], p[2], p[3], lstm ? p[4] : null);
                System.arraycopy(readout(s[0], p[k], p[k + 1], softmax), 0, out, (b * steps + i) * od, od);
            }
        }
        return out;
    }

    /**
     * The Seq2Seq encoder step (readout add, state_sync, dropout masks given) over
     * {@code x (batch, T, u)}: p = {x, h0, [c0], r0, then per cell kernel, recurrent_kernel, bias};
     * {@code masks (batch, T, depth·u)} or null. Returns {outputs (batch, T, u), h, [c]}.
     */
    double[][] encoderSequence(double[][] p, double[] masks, int batch, int steps, int depth) {
        int ns = stateCount();
        int w0 = 2 + ns;
        double[] out = new double[batch * steps * u];
        double[][] finals = new double[ns][batch * u];
        for (int b = 0; b < batch; b++) {
            double[] h = row(p[1], b * u, u);
            double[] c = ns == 2 ? row(p[2], b * u, u) : null;
            double[] r = row(p[1 + ns], b * u, u);
            for (int t = 0; t < steps; t++) {
                double[] x = add(row(p[0], (b * steps + t) * u, u), r);
                for (int k = 0; k < depth; k++) {
                    double[][] s = step(x, h, c, p[w0 + 3 * k], p[w0 + 3 * k + 1], p[w0 + 3 * k + 2], null);
                    h = s[0];
                    c = ns == 2 ? s[1] : null;
                    x = masks == null ? h : times(h, row(masks, ((b * steps + t) * depth + k) * u, u));
                }
                r = x;
                System.arraycopy(x, 0, out, (b * steps + t) * u, u);
            }
            System.arraycopy(h, 0, finals[0], b * u, u);
            if (ns == 2) {
                System.arraycopy(c, 0, finals[1], b * u, u);
            }
        }
        return ns == 2 ? new double[][] {out, finals[0], finals[1]} : new double[][] {out, finals[0]};
    }

    /**
     * The Seq2Seq decoder step (readout, peek, state_sync, decode) for {@code steps} steps:
     * p = {h0, [c0], r0, C (batch, od), then per cell kernel, recurrent_kernel, bias,
     * output_kernel, output_bias}; {@code forced (batch, steps, od)} with {@code flags
     * (batch, steps)} (1: the step reads the forced value instead of the readout) or null;
     * {@code masks (batch, steps, depth·od)} or null. The last readout is softmax when asked.
     */
    double[] decoderSequence(double[][] p, double[] flags, double[] forced, double[] masks, int batch, int steps,
                             int od, int depth, boolean peek, boolean softmax) {
        int ns = stateCount();
        int w0 = ns + 2;
        double[] out = new double[batch * steps * od];
        for (int b = 0; b < batch; b++) {
            double[] h = row(p[0], b * u, u);
            double[] c = ns == 2 ? row(p[1], b * u, u) : null;
            double[] r = row(p[ns], b * od, od);
            double[] ctx = row(p[ns + 1], b * od, od);
            for (int t = 0; t < steps; t++) {
                double[] in = flags != null && flags[b * steps + t] != 0 ? row(forced, (b * steps + t) * od, od) : r;
                double[] x = peek ? add(ctx, in) : in;
                for (int k = 0; k < depth; k++) {
                    if (masks != null) {
                        x = times(x, row(masks, ((b * steps + t) * depth + k) * od, od));
                    }
                    int w = w0 + 5 * k;
                    double[][] s = step(x, h, c, p[w], p[w + 1], p[w + 2], null);
                    h = s[0];
                    c = ns == 2 ? s[1] : null;
                    x = readout(h, p[w + 3], p[w + 4], softmax && k == depth - 1);
                }
                r = x;
                System.arraycopy(x, 0, out, (b * steps + t) * od, od);
            }
        }
        return out;
    }

    static double[] row(double[] v, int off, int n) {
        double[] r = new double[n];
        System.arraycopy(v, off, r, 0, n);
        return r;
    }

    static double[] dot(double[] x, double[] w, int cols) {
        double[] out = new double[cols];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols; j++) {
                out[j] += x[i] * w[i * cols + j];
            }
        }
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static double[] times(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    static double[] softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
