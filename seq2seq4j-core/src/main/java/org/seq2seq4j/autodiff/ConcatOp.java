package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Joins tensors along one axis; every other axis must agree (checked by {@link Ops#concat}).
 * Each input is seen as {@code (outer, width_k)} with {@code width_k = dim_k(axis) · inner}, so
 * an output row is the inputs' rows side by side; backward hands each input its columns.
 */
final class ConcatOp implements Op {
    private final int axis;
    private int[] widths;

    ConcatOp(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "concatenate";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        widths = new int[in.length];
        int total = 0;
        for (int k = 0; k < in.length; k++) {
            total += in[k].shape().dim(axis);
            widths[k] = in[k].shape().drop(axis).size();
        }
        Shape outShape = in[0].shape().with(axis, total);
        Tensor y = Tensor.zeros(outShape);
        int outer = outShape.take(axis).size();
        int rowWidth = outShape.drop(axis).size();
        int col = 0;
        for (int k = 0; k < in.length; k++) {
            for (int o = 0; o < outer; o++) {
                System.arraycopy(in[k].data(), o * widths[k], y.data(), o * rowWidth + col, widths[k]);
            }
            col += widths[k];
        }
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        Shape outShape = dOut[0].shape();
        int outer = outShape.take(axis).size();
        int rowWidth = outShape.drop(axis).size();
        float[] dy = dOut[0].data();
        int col = 0;
        for (int k = 0; k < dIn.length; k++) {
            int w = widths[k];
            if (dIn[k] != null) {
                float[] dx = dIn[k].data();
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < w; j++) {
                        dx[o * w + j] += dy[o * rowWidth + col + j];
                    }
                }
            }
            col += w;
        }
    }
}
