package org.seq2seq4j.layers.attention;

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
        for (int b = 0; b < d.batch(); b++) {
            for (int i = 0; i < d.tq(); i++) {
                int qr = (b * d.tq() + i) * dim;
                int sr = (b * d.tq() + i) * d.tv();
                for (int j = 0; j < d.tv(); j++) {
                    int kr = (b * d.tv() + j) * dim;
                    float sum = 0;
                    for (int x = 0; x < dim; x++) {
                        float t = (float) Math.tanh(a * (q[qr + x] + k[kr + x]));
                        sum += vec == null ? t : vec[x] * t;
                    }
                    scores[sr + j] = c * sum;
                }
            }
        }
    }

    @Override
    public void backward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] dScores,
                         float[] dq, float[] dk, Tensor[] dW) {
        float a = scalar(w[0]);
        float[] vec = w[1] == null ? null : w[1].data();
        float c = scalar(w[2]);
        float[] dVec = dW[1] == null ? null : dW[1].data();
        double da = 0;
        double dc = 0;
        int dim = d.dim();
        for (int b = 0; b < d.batch(); b++) {
            for (int i = 0; i < d.tq(); i++) {
                int qr = (b * d.tq() + i) * dim;
                int sr = (b * d.tq() + i) * d.tv();
                for (int j = 0; j < d.tv(); j++) {
                    float g = dScores[sr + j];
                    if (g == 0) {
                        continue;
                    }
                    int kr = (b * d.tv() + j) * dim;
                    float gc = g * c;
                    double weighted = 0;
                    for (int x = 0; x < dim; x++) {
                        float sumQk = q[qr + x] + k[kr + x];
                        float t = (float) Math.tanh(a * sumQk);
                        float wx = vec == null ? 1f : vec[x];
                        weighted += wx * t;
                        float du = gc * wx * (1 - t * t);
                        if (dq != null) {
                            dq[qr + x] += a * du;
                        }
                        if (dk != null) {
                            dk[kr + x] += a * du;
                        }
                        da += du * sumQk;
                        if (dVec != null) {
                            dVec[x] += gc * t;
                        }
                    }
                    dc += g * weighted;
                }
            }
        }
        addScalar(dW[0], da);
        addScalar(dW[2], dc);
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
