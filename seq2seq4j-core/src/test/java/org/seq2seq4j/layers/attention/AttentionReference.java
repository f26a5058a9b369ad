package org.seq2seq4j.layers.attention;

/**
 * A plain double-precision attention written straight from the Keras formulas, one loop per
 * element, for forward checks and finite-difference gradients. Layout: query (batch, tq, dim),
 * key (batch, tv, dim), value (batch, tv, valueDim); masks 1/0 or null; keep: dropout multipliers
 * (batch, tq, tv) or null.
 */
final class AttentionReference {
    /** Which Keras score. */
    enum Mode { DOT, CONCAT, ADDITIVE }

    private AttentionReference() {
    }

    /**
     * Returns {output (batch, tq, valueDim), weights after dropout (batch, tq, tv)}.
     * {@code a} = Attention's scalar scale (dot and concat; NaN = none), {@code c} =
     * concat_score_weight (concat only), {@code w} = AdditiveAttention's scale vector (or null).
     */
    static double[][] run(Mode mode, AttentionDims d, double[] q, double[] v, double[] k, double a, double c,
                          double[] w, float[] queryMask, float[] valueMask, boolean causal, float[] keep) {
        double[] out = new double[d.batch() * d.tq() * d.valueDim()];
        double[] weights = new double[d.batch() * d.tq() * d.tv()];
        double[] s = new double[d.tv()];
        for (int b = 0; b < d.batch(); b++) {
            for (int i = 0; i < d.tq(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d.tv(); j++) {
                    s[j] = score(mode, d, q, k, a, c, w, b, i, j);
                    if ((valueMask != null && valueMask[b * d.tv() + j] == 0) || (causal && j > i)) {
                        s[j] -= 1e9;
                    }
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < d.tv(); j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                int row = (b * d.tq() + i) * d.tv();
                for (int j = 0; j < d.tv(); j++) {
                    weights[row + j] = s[j] / sum * (keep == null ? 1 : keep[row + j]);
                }
                boolean zero = queryMask != null && queryMask[b * d.tq() + i] == 0;
                for (int x = 0; x < d.valueDim(); x++) {
                    double o = 0;
                    for (int j = 0; j < d.tv(); j++) {
                        o += weights[row + j] * v[(b * d.tv() + j) * d.valueDim() + x];
                    }
                    out[(b * d.tq() + i) * d.valueDim() + x] = zero ? 0 : o;
                }
            }
        }
        return new double[][] {out, weights};
    }

    private static double score(Mode mode, AttentionDims d, double[] q, double[] k, double a, double c, double[] w,
                                int b, int i, int j) {
        double sum = 0;
        for (int x = 0; x < d.dim(); x++) {
            double qx = q[(b * d.tq() + i) * d.dim() + x];
            double kx = k[(b * d.tv() + j) * d.dim() + x];
            switch (mode) {
                case DOT -> sum += qx * kx;
                case CONCAT -> sum += Math.tanh((Double.isNaN(a) ? 1 : a) * (qx + kx));
                case ADDITIVE -> sum += (w == null ? 1 : w[x]) * Math.tanh(qx + kx);
            }
        }
        return switch (mode) {
            case DOT -> Double.isNaN(a) ? sum : a * sum;
            case CONCAT -> c * sum;
            case ADDITIVE -> sum;
        };
    }
}
