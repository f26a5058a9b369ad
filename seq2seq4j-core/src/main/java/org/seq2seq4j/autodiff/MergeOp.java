package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Tensor;

/**
 * Element-wise merge of tensors of one shape: sum, average or product (Keras's Add, Average,
 * Multiply and Bidirectional's sum/ave/mul). Backward: {@code dx_i += dy} for the sum,
 * {@code dy / n} for the average, {@code dy · Π_{j≠i} x_j} for the product (inputs kept for it).
 */
final class MergeOp implements Op {
    /** The element-wise combination. */
    enum Kind { SUM, AVERAGE, PRODUCT }

    private final Kind kind;
    private Tensor[] inputs;

    MergeOp(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        inputs = in;
        Tensor y = in[0].copy();
        float[] out = y.data();
        for (int k = 1; k < in.length; k++) {
            float[] x = in[k].data();
            for (int i = 0; i < out.length; i++) {
                out[i] = kind == Kind.PRODUCT ? out[i] * x[i] : out[i] + x[i];
            }
        }
        if (kind == Kind.AVERAGE) {
            float inv = 1f / in.length;
            for (int i = 0; i < out.length; i++) {
                out[i] *= inv;
            }
        }
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        float[] dy = dOut[0].data();
        float scale = kind == Kind.AVERAGE ? 1f / dIn.length : 1f;
        for (int k = 0; k < dIn.length; k++) {
            if (dIn[k] == null) {
                continue;
            }
            float[] dx = dIn[k].data();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += dy[i] * (kind == Kind.PRODUCT ? othersProduct(k, i) : scale);
            }
        }
    }

    /** {@code Π_{j≠k} x_j[i]}. */
    private float othersProduct(int k, int i) {
        float p = 1f;
        for (int j = 0; j < inputs.length; j++) {
            if (j != k) {
                p *= inputs[j].data()[i];
            }
        }
        return p;
    }
}
