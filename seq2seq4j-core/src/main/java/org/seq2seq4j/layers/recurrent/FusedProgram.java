package org.seq2seq4j.layers.recurrent;

import java.util.Arrays;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.tensor.Tensor;

/**
 * The fused form of an LSTM, GRU or SimpleRNN cell for one call: operands
 * {@code [x, kernel, recurrent_kernel, bias or null]} and a {@link FusedRunner} over its
 * {@link FusedStep}, with the dropout masks drawn for this call.
 */
final class FusedProgram implements StepProgram {
    private final FusedStep step;
    private final Variable kernel;
    private final Variable recurrentKernel;
    private final Variable bias;
    private final RnnDropout dropout;

    FusedProgram(FusedStep step, Variable kernel, Variable recurrentKernel, Variable bias, RnnDropout dropout) {
        this.step = step;
        this.kernel = kernel;
        this.recurrentKernel = recurrentKernel;
        this.bias = bias;
        this.dropout = dropout;
    }

    @Override
    public Tensor[] operands(Tensor x, Tensor[] constants) {
        dropout.check(step.gates(), x.shape().dim(0), x.shape().dim(2), step.units());
        return new Tensor[] {x, kernel.read(), recurrentKernel.read(), bias == null ? null : bias.read()};
    }

    @Override
    public int[] stateSizes() {
        int[] s = new int[step.stateCount()];
        Arrays.fill(s, step.units());
        return s;
    }

    @Override
    public int outputSize() {
        return step.units();
    }

    @Override
    public StepRunner start(Tensor[] in, int operandCount, boolean keep) {
        return new FusedRunner(step, in, dropout, keep);
    }
}
