package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.tensor.Tensor;

/**
 * The per-step work of one call of a recurrent layer, driven by {@link RnnLoop}, which owns the
 * order of the steps, masks, outputs and the state plumbing. Forward: {@link #forward} advances
 * the live {@link #states()} by one timestep and writes the live {@link #output()}. Backward, in
 * reverse order: {@link #backward} turns the gradients with respect to a step's new states and
 * output into those with respect to its previous states; {@link #gradients} then gives the
 * gradients of every operand. Each pass runs between {@link #beginForward} or {@link #beginBackward} and {@link #endPass}
 * (a fused runner keeps its recurrent kernel prepared in between). Steps allocate nothing.
 */
abstract class StepRunner {
    final int batch;
    final int steps;

    StepRunner(int batch, int steps) {
        this.batch = batch;
        this.steps = steps;
    }

    /** The live states, {@code (batch, size)} each, zeros until the loop sets initial states. */
    abstract float[][] states();

    /** The live output of the last step, {@code (batch, outputSize)}. */
    abstract float[] output();

    /** Before the steps of the forward pass. */
    void beginForward() {
    }

    /** Before the backward steps: {@code dIn} are the operands' gradient buffers that {@link #gradients} adds into. */
    void beginBackward(Tensor[] dIn) {
    }

    /** After the steps of a pass, also when a step failed. */
    void endPass() {
    }

    /** Advances every row by timestep {@code t} (input time order). */
    abstract void forward(int t);

    /**
     * Reverse of {@link #forward} for timestep {@code t}: on entry {@code dStates} hold the
     * gradients with respect to the states after the step and {@code dOutput} that with respect to
     * its output; on exit {@code dStates} hold the gradients with respect to the states before it.
     */
    abstract void backward(int t, float[][] dStates, float[] dOutput);

    /** After the backward steps: adds the gradients of the operands {@code in} into {@code dIn} (null entries are skipped). */
    abstract void gradients(Tensor[] in, Tensor[] dIn);
}
