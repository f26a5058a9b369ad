package org.seq2seq4j.layers.attention;

import java.util.Arrays;
import org.seq2seq4j.autodiff.Op;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * One attention call as a single tape node. Inputs: query {@code (…, tq, dim)}, value
 * {@code (…, tv, valueDim)}, key {@code (…, tv, dim)} (may be the value tensor itself), then the
 * score function's weight slots (null when absent). Outputs: {@code [output (…, tq, valueDim),
 * weights (…, tq, tv)]}.
 *
 * <p>Forward: {@code S = score(q, k)}; {@code S −= 1e9} where the value mask or the causal mask
 * hides a key; {@code P = softmax(S)} over the value axis; {@code D = P ⊙ keep} (dropout, training
 * only); {@code O = D·v}; rows of O whose query mask is 0 become 0. Returns O and D. Backward:
 * {@code dO} loses the masked rows; {@code dD = dO·vᵀ + d(weights)}; {@code dv += Dᵀ·dO};
 * {@code dP = dD ⊙ keep}; {@code dS = P ⊙ (dP − Σ dP ⊙ P)}; then the score function's backward.
 * Keeps P and D (one array when there is no dropout).
 */
final class AttentionOp implements Op {
    private final AttentionDims d;
    private final ScoreFunction score;
    private final float[] queryMask;
    private final float[] valueMask;
    private final boolean causal;
    private final float[] keep;
    private Tensor[] inputs;
    private float[] p;
    private float[] dropped;

    /**
     * @param queryMask {@code (batch·tq)} 1/0 or null
     * @param valueMask {@code (batch·tv)} 1/0 or null
     * @param keep dropout multipliers {@code (batch·tq·tv)} (0 or 1/(1−rate)), or null for none
     */
    AttentionOp(AttentionDims d, ScoreFunction score, float[] queryMask, float[] valueMask, boolean causal, float[] keep) {
        this.d = d;
        this.score = score;
        this.queryMask = queryMask;
        this.valueMask = valueMask;
        this.causal = causal;
        this.keep = keep;
    }

    @Override
    public String name() {
        return "attention";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        inputs = in;
        p = new float[d.batch() * d.tq() * d.tv()];
        score.forward(d, in[0].data(), in[2].data(), weights(in), p);
        AttentionKernels.maskedSoftmax(d.batch(), d.tq(), d.tv(), p, valueMask, causal);
        dropped = p;
        if (keep != null) {
            dropped = p.clone();
            for (int i = 0; i < dropped.length; i++) {
                dropped[i] *= keep[i];
            }
        }
        float[] out = new float[d.batch() * d.tq() * d.valueDim()];
        AttentionKernels.batchedGemm(d.batch(), false, false, d.tq(), d.valueDim(), d.tv(), 1f, dropped,
                in[1].data(), 0f, out);
        if (queryMask != null) {
            AttentionKernels.zeroMaskedRows(d.batch() * d.tq(), d.valueDim(), out, queryMask);
        }
        Shape query = in[0].shape();
        return new Tensor[] {Tensor.of(out, query.withLast(d.valueDim())), Tensor.of(dropped, query.withLast(d.tv()))};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        float[] dO = dOut[0].data();
        if (queryMask != null) {
            dO = dO.clone();
            AttentionKernels.zeroMaskedRows(d.batch() * d.tq(), d.valueDim(), dO, queryMask);
        }
        if (dIn[1] != null) {
            AttentionKernels.batchedGemm(d.batch(), true, false, d.tv(), d.valueDim(), d.tq(), 1f, dropped, dO, 1f,
                    dIn[1].data());
        }
        Tensor[] dW = weights(dIn);
        if (dIn[0] == null && dIn[2] == null && Arrays.stream(dW).allMatch(g -> g == null)) {
            return;
        }
        float[] dS = dOut[1].data().clone();
        AttentionKernels.batchedGemm(d.batch(), false, true, d.tq(), d.tv(), d.valueDim(), 1f, dO,
                inputs[1].data(), 1f, dS);
        if (keep != null) {
            for (int i = 0; i < dS.length; i++) {
                dS[i] *= keep[i];
            }
        }
        AttentionKernels.softmaxBackward(d.batch() * d.tq(), d.tv(), p, dS);
        score.backward(d, inputs[0].data(), inputs[2].data(), weights(inputs), dS,
                dIn[0] == null ? null : dIn[0].data(), dIn[2] == null ? null : dIn[2].data(), dW);
    }

    /** The weight slots after query, value and key. */
    private Tensor[] weights(Tensor[] all) {
        return Arrays.copyOfRange(all, 3, 3 + score.weightSlots());
    }
}
