package org.seq2seq4j.layers.recurrent;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A {@link RecurrentCell} run step by step through its own forward and backward: operands
 * {@code [x, weights..., constants...]} and a {@link CellRunner}.
 */
final class CellProgram implements StepProgram {
    private final RecurrentCell cell;

    CellProgram(RecurrentCell cell) {
        this.cell = cell;
    }

    @Override
    public Tensor[] operands(Tensor x, Tensor[] constants) {
        Tensor[] w = cell.operands();
        Tensor[] out = new Tensor[1 + w.length + constants.length];
        out[0] = x;
        System.arraycopy(w, 0, out, 1, w.length);
        System.arraycopy(constants, 0, out, 1 + w.length, constants.length);
        return out;
    }

    @Override
    public int[] stateSizes() {
        return cell.stateSizes();
    }

    @Override
    public int outputSize() {
        return cell.outputSize();
    }

    @Override
    public StepRunner start(Tensor[] in, int operandCount, boolean keep) {
        return new CellRunner(cell, in, operandCount, keep);
    }

    /** The shapes of the constants among the operands {@code in[first, first + count)}. */
    static List<Shape> shapes(Tensor[] in, int first, int count) {
        List<Shape> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(in[first + k].shape());
        }
        return out;
    }
}
