package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.autodiff.Op;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A whole recurrent sequence as one tape node. Inputs: the program's operands (x first, then
 * weights and constants), then the initial states if given; outputs: the output (sequence or last)
 * and the final states. The mask is not differentiable and travels with the op. The runner and
 * its caches live only while a tape records, and are dropped after backward.
 */
final class RnnSequenceOp implements Op {
    private final RnnLoop loop;
    private final int operandCount;
    private final float[] mask;
    private Tensor[] inputs;
    private RnnLoop.Run run;

    RnnSequenceOp(RnnLoop loop, int operandCount, float[] mask) {
        this.loop = loop;
        this.operandCount = operandCount;
        this.mask = mask;
    }

    @Override
    public String name() {
        return "rnn_sequence";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        boolean keep = Tape.isRecording();
        RnnLoop.Run r = loop.forward(in, operandCount, mask, keep);
        if (keep) {
            inputs = in;
            run = r;
        }
        return r.outputs();
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (run == null) {
            throw new UnsupportedOperationException("the forward pass ran without a recording tape or backward already ran");
        }
        loop.backward(run, inputs, operandCount, mask, dOut, dIn);
        run = null;
        inputs = null;
    }
}
