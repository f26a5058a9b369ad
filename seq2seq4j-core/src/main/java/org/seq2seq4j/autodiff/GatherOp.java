package org.seq2seq4j.autodiff;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Embedding lookup: ids of any shape (integer values held as floats) pick rows of a table
 * {@code (inputDim, outputDim)}; output shape is the ids' shape plus {@code outputDim}.
 * Backward adds each output row's gradient into the table row it came from; ids get none.
 */
final class GatherOp implements Op {
    private final String subject;
    private int[] rows;

    GatherOp(String subject) {
        this.subject = subject;
    }

    @Override
    public String name() {
        return "embedding_lookup";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        Tensor ids = in[0];
        Tensor table = in[1];
        int vocab = table.shape().dim(0);
        int dim = table.shape().dim(1);
        rows = new int[ids.size()];
        Tensor y = Tensor.zeros(ids.shape().append(dim));
        for (int i = 0; i < rows.length; i++) {
            float v = ids.data()[i];
            int id = (int) v;
            if (id != v || id < 0 || id >= vocab) {
                throw new ShapeException(subject, "integer ids in [0, " + vocab + ")",
                        ids.shape(), "found " + v + " at flat index " + i);
            }
            rows[i] = id;
            System.arraycopy(table.data(), id * dim, y.data(), i * dim, dim);
        }
        return new Tensor[] {y};
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (dIn[1] == null) {
            return;
        }
        Shape ts = dIn[1].shape();
        int dim = ts.dim(1);
        float[] dt = dIn[1].data();
        float[] dy = dOut[0].data();
        for (int i = 0; i < rows.length; i++) {
            int dst = rows[i] * dim;
            for (int j = 0; j < dim; j++) {
                dt[dst + j] += dy[i * dim + j];
            }
        }
    }
}
