package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.tensor.Tensor;

/**
 * How a recurrent layer runs one cell in one call ({@link RnnLoop}): the operands of the sequence
 * op besides the input (weights, constants), the state and output widths, and a
 * {@link StepRunner} for each forward pass. Fused cells ({@link FusedProgram}) run their step
 * maths on whole-sequence products; other cells ({@link CellProgram}) run their own step.
 */
interface StepProgram {
    /** The operands of the sequence op: {@code x} first, then whatever the runner reads. */
    Tensor[] operands(Tensor x, Tensor[] constants);

    /** The width of every state. */
    int[] stateSizes();

    /** The width of the output of one step. */
    int outputSize();

    /**
     * A runner for one forward pass over {@code in} (the operands, then the initial states if
     * given) keeping what backward needs when {@code keep}.
     */
    StepRunner start(Tensor[] in, int operandCount, boolean keep);
}
