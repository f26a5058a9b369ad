package org.seq2seq4j.layers.attention;

import org.seq2seq4j.tensor.Tensor;

/**
 * Luong scores {@code s = scale · q·kᵀ}, one batched GEMM; slot 0 is the scalar {@code scale}
 * or null for none. Backward: {@code G = dS·k}, {@code dq += scale·G}, {@code dk += scale·dSᵀ·q},
 * {@code dscale += Σ G ⊙ q} (that is, Σ dS ⊙ q·kᵀ).
 */
final class DotScore implements ScoreFunction {
    static final DotScore INSTANCE = new DotScore();

    private DotScore() {
    }

    @Override
    public int weightSlots() {
        return 1;
    }

    @Override
    public void forward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] scores) {
        AttentionKernels.batchedGemm(d.batch(), false, true, d.tq(), d.tv(), d.dim(), 1f, q, k, 0f, scores);
        if (w[0] != null) {
            float scale = w[0].data()[0];
            for (int i = 0; i < scores.length; i++) {
                scores[i] *= scale;
            }
        }
    }

    @Override
    public void backward(AttentionDims d, float[] q, float[] k, Tensor[] w, float[] dScores,
                         float[] dq, float[] dk, Tensor[] dW) {
        float scale = w[0] == null ? 1f : w[0].data()[0];
        boolean scaleGrad = dW[0] != null;
        if (dq != null || scaleGrad) {
            float[] g = new float[d.batch() * d.tq() * d.dim()];
            AttentionKernels.batchedGemm(d.batch(), false, false, d.tq(), d.dim(), d.tv(), 1f, dScores, k, 0f, g);
            double dScale = 0;
            for (int i = 0; i < g.length; i++) {
                if (dq != null) {
                    dq[i] += scale * g[i];
                }
                dScale += (double) g[i] * q[i];
            }
            if (scaleGrad) {
                dW[0].data()[0] += (float) dScale;
            }
        }
        if (dk != null) {
            AttentionKernels.batchedGemm(d.batch(), true, false, d.tv(), d.dim(), d.tq(), scale, dScores, q, 1f, dk);
        }
    }
}
