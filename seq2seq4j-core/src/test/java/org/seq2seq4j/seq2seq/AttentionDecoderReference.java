package org.seq2seq4j.seq2seq;

/**
 * The AttentionDecoder layer of datalogue/keras-attention ({@code models/custom_recurrents.py}),
 * transcribed line by line in double precision for tests: {@code get_initial_state} then
 * {@code step} per output step, with the layer's plain {@code exp / sum} attention. Weights in the
 * layer's order (V_a, W_a, U_a, b_a, C_r, U_r, W_r, b_r, C_z, U_z, W_z, b_z, C_p, U_p, W_p, b_p,
 * C_o, U_o, W_o, b_o, W_s), row-major; {@code x} is (batch, T, D).
 */
final class AttentionDecoderReference {
    private final int batch;
    private final int steps;
    private final int inputDim;
    private final int units;
    private final int outputDim;

    AttentionDecoderReference(int batch, int steps, int inputDim, int units, int outputDim) {
        this.batch = batch;
        this.steps = steps;
        this.inputDim = inputDim;
        this.units = units;
        this.outputDim = outputDim;
    }

    /** Returns {outputs (batch, T, O), probabilities (batch, T, T)}; params[0] is x, params[1..21] the weights. */
    double[][] run(double[][] p) {
        double[] x = p[0];
        double[] va = p[1], wa = p[2], ua = p[3], ba = p[4];
        double[] cr = p[5], ur = p[6], wr = p[7], br = p[8];
        double[] cz = p[9], uz = p[10], wz = p[11], bz = p[12];
        double[] cp = p[13], up = p[14], wp = p[15], bp = p[16];
        double[] co = p[17], uo = p[18], wo = p[19], bo = p[20];
        double[] wsm = p[21];
        int d = inputDim, u = units, o = outputDim, T = steps;
        double[] out = new double[batch * T * o];
        double[] probs = new double[batch * T * T];
        for (int b = 0; b < batch; b++) {
            double[][] xs = new double[T][d];
            for (int j = 0; j < T; j++) {
                System.arraycopy(x, (b * T + j) * d, xs[j], 0, d);
            }
            double[][] uxpb = new double[T][];
            for (int j = 0; j < T; j++) {
                uxpb[j] = add(dot(xs[j], ua, u), ba);
            }
            double[] s = tanh(dot(xs[0], wsm, u));          // s0 = tanh(x_0 W_s)
            double[] y = new double[o];                      // y0 = 0
            for (int t = 0; t < T; t++) {
                double[] wxs = dot(s, wa, u);
                double[] at = new double[T];
                double sum = 0;
                for (int j = 0; j < T; j++) {
                    double e = 0;
                    for (int k = 0; k < u; k++) {
                        e += Math.tanh(wxs[k] + uxpb[j][k]) * va[k];
                    }
                    at[j] = Math.exp(e);
                    sum += at[j];
                }
                double[] context = new double[d];
                for (int j = 0; j < T; j++) {
                    at[j] /= sum;
                    for (int f = 0; f < d; f++) {
                        context[f] += at[j] * xs[j][f];
                    }
                }
                double[] r = sigmoid(add(add(add(dot(y, wr, u), dot(s, ur, u)), dot(context, cr, u)), br));
                double[] z = sigmoid(add(add(add(dot(y, wz, u), dot(s, uz, u)), dot(context, cz, u)), bz));
                double[] rs = new double[u];
                for (int k = 0; k < u; k++) {
                    rs[k] = r[k] * s[k];
                }
                double[] sp = tanh(add(add(add(dot(y, wp, u), dot(rs, up, u)), dot(context, cp, u)), bp));
                double[] st = new double[u];
                for (int k = 0; k < u; k++) {
                    st[k] = (1 - z[k]) * s[k] + z[k] * sp[k];
                }
                double[] yt = softmax(add(add(add(dot(y, wo, o), dot(s, uo, o)), dot(context, co, o)), bo));
                System.arraycopy(yt, 0, out, (b * T + t) * o, o);
                System.arraycopy(at, 0, probs, (b * T + t) * T, T);
                y = yt;
                s = st;
            }
        }
        return new double[][] {out, probs};
    }

    /** Row vector times a (len(v), n) row-major matrix. */
    private static double[] dot(double[] v, double[] m, int n) {
        double[] r = new double[n];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < n; j++) {
                r[j] += v[i] * m[i * n + j];
            }
        }
        return r;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + b[i];
        }
        return r;
    }

    private static double[] tanh(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.tanh(a[i]);
        }
        return r;
    }

    private static double[] sigmoid(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = 1 / (1 + Math.exp(-a[i]));
        }
        return r;
    }

    private static double[] softmax(double[] a) {
        double[] r = new double[a.length];
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.exp(a[i]);
            sum += r[i];
        }
        for (int i = 0; i < a.length; i++) {
            r[i] /= sum;
        }
        return r;
    }
}
