package org.seq2seq4j.layers.attention;

import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.kernels.Parallel;
import org.seq2seq4j.tensor.Tensor;

/**
 * Additive (Bahdanau) scores {@code s_ij = c · Σ_d w_d · tanh(a · (q_id + k_jd))} with three
 * optional weight slots, each 1 when null: slot 0 the scalar {@code a}, slot 1 the vector
 * {@code w (dim,)}, slot 2 the scalar {@code c}. Keras's AdditiveAttention uses only {@code w}
 * (its {@code scale}); Attention with {@code score_mode="concat"} uses {@code a} ({@code scale})
 * and {@code c} ({@code concat_score_weight}).
 *
 * <p>Backward, with {@code t = tanh(a·(q+k))} recomputed rather than cached (it is
 * {@code batch·tq·tv·dim} values): {@code du = dS·c·w_d·(1 − t²)}; {@code dq_id += a·du};
 * {@code dk_jd += a·du}; {@code da += Σ du·(q+k)}; {@code dw_d += Σ dS·c·t}; {@code dc += Σ dS·Σ_d w_d·t}.
 */
final class TanhScore implements ScoreFunction {
    static final TanhScore INSTANCE = new TanhScore();

    private TanhScore() {
    }

    @Override
    public int weightSlots() {
        return 3;
    }

    @Override
    public void forward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] scores) {
        float a = scalar(w[0]);
        float[] vec = w[1] == null ? null : w[1].data();
        float c = scalar(w[2]);
        int dim = d.dim();
        int parts = parts(d);
        Parallel.run(parts, part -> {
            float[] t = new float[dim];
            for (int r = first(d, part, parts); r < first(d, part + 1, parts); r++) {
                int keys = r / d.tq() * d.tv();
                for (int j = 0; j < d.tv(); j++) {
                    tanhRow(dim, a, q, r * dim, k, (keys + j) * dim, t);
                    float sum = 0;
                    for (int x = 0; x < dim; x++) {
                        sum += vec == null ? t[x] : vec[x] * t[x];
                    }
                    scores[r * d.tv() + j] = c * sum;
                }
            }
        });
    }

    /**
     * Parts own whole batch entries, so their dq and dk rows never overlap; the weight gradients
     * are summed per part in {@code partial[part] = [da, dc, dw_0 … dw_dim-1]} and added at the end.
     */
    @Override
    public void backward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] dScores,
                         float[] dq, float[] dk, Tensor[] dW) {
        float a = scalar(w[0]);
        float[] vec = w[1] == null ? null : w[1].data();
        float c = scalar(w[2]);
        int dim = d.dim();
        int parts = parts(d);
        double[][] partial = new double[parts][2 + dim];
        Parallel.run(parts, part -> {
            float[] t = new float[dim];
            double[] sums = partial[part];
            for (int r = first(d, part, parts); r < first(d, part + 1, parts); r++) {
                int keys = r / d.tq() * d.tv();
                for (int j = 0; j < d.tv(); j++) {
                    float g = dScores[r * d.tv() + j];
                    if (g == 0) {
                        continue;   // masked or dropped: nothing flows back
                    }
                    int qr = r * dim;
                    int kr = (keys + j) * dim;
                    tanhRow(dim, a, q, qr, k, kr, t);
                    float gc = g * c;
                    double weighted = 0;
                    for (int x = 0; x < dim; x++) {
                        float wx = vec == null ? 1f : vec[x];
                        weighted += wx * t[x];
                        float du = gc * wx * (1 - t[x] * t[x]);
                        if (dq != null) {
                            dq[qr + x] += a * du;
                        }
                        if (dk != null) {
                            dk[kr + x] += a * du;
                        }
                        sums[0] += du * (q[qr + x] + k[kr + x]);
                        sums[2 + x] += gc * t[x];
                    }
                    sums[1] += g * weighted;
                }
            }
        });
        for (double[] sums : partial) {
            addScalar(dW[0], sums[0]);
            addScalar(dW[2], sums[1]);
            if (dW[1] != null) {
                for (int x = 0; x < dim; x++) {
                    dW[1].data()[x] += (float) sums[2 + x];
                }
            }
        }
    }

    /** Parts to split the batch into: one per GEMM thread, at most one per batch entry. */
    private static int parts(AttentionDims d) {
        return Math.max(1, Math.min(Gemms.threads(), d.batch()));
    }

    /** First query row ({@code b·tq + i}) of {@code part}: parts hold whole batch entries. */
    private static int first(AttentionDims d, int part, int parts) {
        return (int) ((long) d.batch() * part / parts) * d.tq();
    }

    /**
     * {@code t[x] = tanh(a·(q[qr + x] + k[kr + x]))} for {@code x < dim}, as {@code 1 − 2/(1 + e^{2u})}
     * on the {@code Math.exp} intrinsic (several times faster than {@code Math.tanh}; absolute
     * error below 2e-7, exact limits ±1).
     */
    private static void tanhRow(int dim, float a, float[] q, int qr, float[] k, int kr, float[] t) {
        for (int x = 0; x < dim; x++) {
            t[x] = 1f - 2f / (1f + (float) Math.exp(2f * a * (q[qr + x] + k[kr + x])));
        }
    }

    private static float scalar(Tensor t) {
        return t == null ? 1f : t.data()[0];
    }

    private static void addScalar(Tensor grad, double v) {
        if (grad != null) {
            grad.data()[0] += (float) v;
        }
    }
}
