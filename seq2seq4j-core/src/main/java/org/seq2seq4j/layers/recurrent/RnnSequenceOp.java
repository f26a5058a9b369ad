package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.autodiff.Op;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A whole recurrent sequence as one tape node. Inputs: x, kernel, recurrent_kernel, bias (or
 * null), then the initial states if given; outputs: the output (sequence or last) and the final
 * states. The mask and the dropout masks are not differentiable and travel with the op. Caches live only while a tape
 * records, and are dropped after backward.
 */
final class RnnSequenceOp implements Op {
    private final RnnLoop loop;
    private final float[] mask;
    private final RnnDropout dropout;
    private Tensor[] inputs;
    private RnnLoop.Run run;

    RnnSequenceOp(RnnLoop loop, float[] mask, RnnDropout dropout) {
        this.loop = loop;
        this.mask = mask;
        this.dropout = dropout;
    }

    @Override
    public String name() {
        return "rnn_sequence";
    }

    @Override
    public Tensor[] forward(Tensor... in) {
        boolean keep = Tape.isRecording();
        RnnLoop.Run r = loop.forward(in, mask, dropout, keep);
        if (keep) {
            inputs = in;
            run = r;
        }
        return r.outputs;
    }

    @Override
    public void backward(Tensor[] dOut, Tensor[] dIn) {
        if (run == null) {
            throw new UnsupportedOperationException("the forward pass ran without a recording tape or backward already ran");
        }
        loop.backward(run, inputs, mask, dropout, dOut, dIn);
        run = null;
        inputs = null;
    }
}
