package org.seq2seq4j.layers.recurrent;

import java.util.Arrays;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The time loop shared by every recurrent layer and cell, as one fused autodiff op with a
 * hand-written backward (BPTT). The cell's {@link StepProgram} supplies the per-step work (a
 * {@link StepRunner}); the loop owns the rest, once for every cell: the order of the steps
 * ({@code go_backwards} reverses input and mask, and the returned sequence is in processing
 * order), masks (a masked step keeps the previous states, and its output repeats the previous
 * output, zeros before the first valid step, unless {@code zero_output_for_mask}), initial
 * states and the return options, as Keras does.
 *
 * <p>Backward walks the steps in reverse. For each step: the gradient reaching the step's output
 * (its slot of the returned sequence plus what later masked steps carried back) goes to the step
 * where it is valid and is carried on where it is masked; the rows of masked steps are set aside
 * and zeroed, so the step passes nothing to the weights, the input or the states; the runner's
 * backward step turns the gradients of the new states and output into those of the previous
 * states; the set-aside rows come back unchanged (a masked step passed its states through). After
 * the last step the runner adds the gradients of the weights, the input and the constants, and
 * the loop those of the initial states. Buffers are sized before the steps, which allocate
 * nothing; caches are kept only while a {@link Tape} records.
 */
final class RnnLoop {
    private final StepProgram program;
    private final boolean goBackwards;
    private final boolean returnSequences;
    private final boolean zeroOutputForMask;

    RnnLoop(StepProgram program, boolean goBackwards, boolean returnSequences, boolean zeroOutputForMask) {
        this.program = program;
        this.goBackwards = goBackwards;
        this.returnSequences = returnSequences;
        this.zeroOutputForMask = zeroOutputForMask;
    }

    /**
     * Runs the sequence {@code x (batch, timesteps, features)} as one node on the active tape (if
     * any), with the program's operands, {@code initialStates} null or one {@code (batch, size)}
     * tensor per state, and {@code mask (batch, timesteps)} of 1/0 or null; shapes are the
     * caller's responsibility. Returns {@code [output, state_0, ...]}, output being
     * {@code (batch, timesteps, outputSize)} with return_sequences, else {@code (batch, outputSize)}.
     */
    Tensor[] apply(Tensor x, Tensor[] constants, Tensor[] initialStates, Tensor mask) {
        Tensor[] operands = program.operands(x, constants);
        int n = initialStates == null ? 0 : initialStates.length;
        Tensor[] in = Arrays.copyOf(operands, operands.length + n);
        for (int k = 0; k < n; k++) {
            in[operands.length + k] = initialStates[k];
        }
        return Tape.apply(new RnnSequenceOp(this, operands.length, mask == null ? null : mask.data()), in);
    }

    /** One forward pass: the runner (kept for backward) and the outputs. */
    record Run(StepRunner runner, Tensor[] outputs) {
    }

    Run forward(Tensor[] in, int operandCount, float[] mask, boolean keep) {
        StepRunner runner = program.start(in, operandCount, keep);
        int batch = runner.batch;
        int steps = runner.steps;
        int outSize = program.outputSize();
        float[][] states = runner.states();
        for (int k = 0; k < states.length && operandCount + k < in.length; k++) {
            System.arraycopy(in[operandCount + k].data(), 0, states[k], 0, states[k].length);
        }
        float[][] saved = mask == null ? null : copies(states);
        float[] last = new float[batch * outSize];
        float[] seq = returnSequences ? new float[batch * steps * outSize] : null;
        runner.beginForward();
        try {
            for (int s = 0; s < steps; s++) {
                int t = timeOf(s, steps);
                if (mask != null) {
                    for (int k = 0; k < states.length; k++) {
                        System.arraycopy(states[k], 0, saved[k], 0, states[k].length);
                    }
                }
                runner.forward(t);
                if (mask != null) {
                    restoreMaskedRows(batch, steps, t, mask, saved, states);
                }
                emitOutput(batch, outSize, steps, t, mask, runner.output(), last);
                if (seq != null) {
                    copyRows(batch, outSize, last, 0, outSize, seq, s * outSize, steps * outSize);
                }
            }
        } finally {
            runner.endPass();
        }
        Tensor[] outputs = new Tensor[1 + states.length];
        outputs[0] = seq != null ? Tensor.of(seq, batch, steps, outSize) : Tensor.of(last, batch, outSize);
        for (int k = 0; k < states.length; k++) {
            outputs[1 + k] = Tensor.of(states[k].clone(), batch, states[k].length / batch);
        }
        return new Run(runner, outputs);
    }

    void backward(Run run, Tensor[] in, int operandCount, float[] mask, Tensor[] dOut, Tensor[] dIn) {
        StepRunner runner = run.runner();
        int batch = runner.batch;
        int steps = runner.steps;
        int outSize = program.outputSize();
        int ns = dOut.length - 1;
        float[][] dStates = new float[ns][];
        for (int k = 0; k < ns; k++) {
            dStates[k] = dOut[1 + k].data().clone();
        }
        float[][] saved = mask == null ? null : copies(dStates);
        float[] dSeq = returnSequences ? dOut[0].data() : null;
        float[] carry = returnSequences ? new float[batch * outSize] : dOut[0].data().clone();
        float[] dOutput = new float[batch * outSize];
        runner.beginBackward(dIn);
        try {
            for (int s = steps - 1; s >= 0; s--) {
                int t = timeOf(s, steps);
                routeOutputGradient(batch, outSize, steps, s, t, mask, dSeq, carry, dOutput);
                if (mask != null) {
                    setAsideMaskedRows(batch, steps, t, mask, dStates, saved);
                }
                runner.backward(t, dStates, dOutput);
                if (mask != null) {
                    restoreMaskedRows(batch, steps, t, mask, saved, dStates);
                }
            }
        } finally {
            runner.endPass();
        }
        for (int k = 0; k < ns && operandCount + k < dIn.length; k++) {
            addInto(dIn[operandCount + k], dStates[k]);
        }
        runner.gradients(in, dIn);
    }

    private int timeOf(int step, int steps) {
        return goBackwards ? steps - 1 - step : step;
    }

    /** The output of a step: the runner's where the step is valid; else the previous output, or zeros with zero_output_for_mask. */
    private void emitOutput(int batch, int width, int steps, int t, float[] mask, float[] out, float[] last) {
        for (int b = 0; b < batch; b++) {
            if (mask == null || mask[b * steps + t] != 0f) {
                System.arraycopy(out, b * width, last, b * width, width);
            } else if (zeroOutputForMask) {
                Arrays.fill(last, b * width, b * width + width, 0f);
            }
        }
    }

    /**
     * Reverse of {@link #emitOutput}: the gradient reaching step {@code s}'s output (its sequence
     * slot plus what later masked steps passed back) goes to {@code dOutput} where the step is
     * valid and is carried to the previous output where it is masked ({@code dOutput} row zero).
     */
    private void routeOutputGradient(int batch, int width, int steps, int s, int t, float[] mask, float[] dSeq,
                                     float[] carry, float[] dOutput) {
        for (int b = 0; b < batch; b++) {
            boolean valid = mask == null || mask[b * steps + t] != 0f;
            int row = b * width;
            int seqRow = (b * steps + s) * width;
            for (int j = 0; j < width; j++) {
                float g = carry[row + j] + (dSeq != null ? dSeq[seqRow + j] : 0f);
                if (valid) {
                    dOutput[row + j] = g;
                    carry[row + j] = 0f;
                } else {
                    dOutput[row + j] = 0f;
                    carry[row + j] = zeroOutputForMask ? 0f : g;
                }
            }
        }
    }

    /** Copies the masked rows (mask 0 at time t) of every {@code from[k]} over {@code to[k]}. */
    private static void restoreMaskedRows(int batch, int steps, int t, float[] mask, float[][] from, float[][] to) {
        for (int b = 0; b < batch; b++) {
            if (mask[b * steps + t] == 0f) {
                for (int k = 0; k < from.length; k++) {
                    int w = from[k].length / batch;
                    System.arraycopy(from[k], b * w, to[k], b * w, w);
                }
            }
        }
    }

    /** Moves the masked rows (mask 0 at time t) of every {@code rows[k]} into {@code saved[k]}, leaving zeros. */
    private static void setAsideMaskedRows(int batch, int steps, int t, float[] mask, float[][] rows, float[][] saved) {
        for (int b = 0; b < batch; b++) {
            if (mask[b * steps + t] == 0f) {
                for (int k = 0; k < rows.length; k++) {
                    int w = rows[k].length / batch;
                    System.arraycopy(rows[k], b * w, saved[k], b * w, w);
                    Arrays.fill(rows[k], b * w, b * w + w, 0f);
                }
            }
        }
    }

    /** Copies {@code batch} rows of {@code n} floats between row strides. */
    static void copyRows(int batch, int n, float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(src, srcOff + b * srcStride, dst, dstOff + b * dstStride, n);
        }
    }

    private static float[][] copies(float[][] like) {
        float[][] out = new float[like.length][];
        for (int k = 0; k < like.length; k++) {
            out[k] = new float[like[k].length];
        }
        return out;
    }

    private static void addInto(Tensor target, float[] values) {
        if (target != null) {
            float[] d = target.data();
            for (int i = 0; i < values.length; i++) {
                d[i] += values[i];
            }
        }
    }
}
