package org.seq2seq4j.layers.recurrent;

import java.util.List;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Runs a {@link RecurrentCell}'s own step over one sequence. Forward copies the step's input rows
 * into the {@link StepBuffers}, keeps the states before the step (when a backward follows), calls
 * {@link RecurrentCell#forward} and takes the new states. Backward puts back the step's input and
 * states, calls {@link RecurrentCell#backward} and scatters the input gradient into {@code dX};
 * the weight and constant gradients accumulate over the steps and are added at the end.
 */
final class CellRunner extends StepRunner {
    private final RecurrentCell cell;
    private final int features;
    private final int weightCount;
    private final float[] x;
    private final StepBuffers step;
    /** Per state: its value before every step {@code (steps, batch, size)}, when a backward follows. */
    private final float[][] history;
    private final float[] cache;
    private final int cacheStride;
    private float[] dx;

    CellRunner(RecurrentCell cell, Tensor[] in, int operandCount, boolean keep) {
        super(in[0].shape().dim(0), in[0].shape().dim(1));
        this.cell = cell;
        this.features = in[0].shape().dim(2);
        this.x = in[0].data();
        this.weightCount = cell.weights().size();
        int constantCount = operandCount - 1 - weightCount;
        float[][] weights = new float[weightCount][];
        for (int i = 0; i < weightCount; i++) {
            weights[i] = in[1 + i].data();
        }
        float[][] constants = new float[constantCount][];
        for (int k = 0; k < constantCount; k++) {
            constants[k] = in[1 + weightCount + k].data();
        }
        List<Shape> constantShapes = CellProgram.shapes(in, 1 + weightCount, constantCount);
        int[] sizes = cell.stateSizes();
        step = new StepBuffers(batch, steps, features, sizes, cell.outputSize(), constants, constantShapes, weights,
                cell.workspaceSize(batch, constantShapes), keep);
        cacheStride = batch * cell.cacheWidth(constantShapes);
        cache = keep ? new float[steps * cacheStride] : null;
        history = keep ? new float[sizes.length][] : null;
        for (int k = 0; keep && k < sizes.length; k++) {
            history[k] = new float[steps * batch * sizes[k]];
        }
    }

    @Override
    float[][] states() {
        return step.states;
    }

    @Override
    float[] output() {
        return step.output;
    }

    @Override
    void forward(int t) {
        loadInput(t);
        float[][] s = step.states;
        if (history != null) {
            for (int k = 0; k < s.length; k++) {
                System.arraycopy(s[k], 0, history[k], t * s[k].length, s[k].length);
            }
        }
        step.cache = cache;
        step.cacheOffset = t * cacheStride;
        cell.forward(step);
        for (int k = 0; k < s.length; k++) {
            System.arraycopy(step.newStates[k], 0, s[k], 0, s[k].length);
        }
    }

    @Override
    void beginForward() {
        cell.beginPass(step, false);
    }

    /** The weight and constant gradients accumulate straight into the op's gradient buffers (scratch where none is asked). */
    @Override
    void beginBackward(Tensor[] dIn) {
        dx = dIn[0] != null ? dIn[0].data() : new float[batch * steps * features];
        for (int i = 0; i < weightCount; i++) {
            step.dWeights[i] = target(dIn[1 + i], step.weights[i].length);
        }
        for (int k = 0; k < step.dConstants.length; k++) {
            step.dConstants[k] = target(dIn[1 + weightCount + k], step.constants[k].length);
        }
        cell.beginPass(step, true);
    }

    private static float[] target(Tensor gradient, int size) {
        return gradient != null ? gradient.data() : new float[size];
    }

    @Override
    void backward(int t, float[][] dStates, float[] dOutput) {
        loadInput(t);
        float[][] s = step.states;
        for (int k = 0; k < s.length; k++) {
            System.arraycopy(history[k], t * s[k].length, s[k], 0, s[k].length);
            System.arraycopy(dStates[k], 0, step.dNewStates[k], 0, dStates[k].length);
            java.util.Arrays.fill(step.dStates[k], 0f);
        }
        System.arraycopy(dOutput, 0, step.dOutput, 0, dOutput.length);
        java.util.Arrays.fill(step.dInput, 0f);
        step.cache = cache;
        step.cacheOffset = t * cacheStride;
        cell.backward(step);
        for (int k = 0; k < s.length; k++) {
            System.arraycopy(step.dStates[k], 0, dStates[k], 0, dStates[k].length);
        }
        for (int b = 0; b < batch; b++) {
            int row = (b * steps + t) * features;
            for (int f = 0; f < features; f++) {
                dx[row + f] += step.dInput[b * features + f];
            }
        }
    }

    /** The gradients are already in place; the cell adds what it deferred to the end of the pass. */
    @Override
    void gradients(Tensor[] in, Tensor[] dIn) {
        cell.endBackward(step);
    }

    /** Copies timestep {@code t}'s input rows into the step's input. */
    private void loadInput(int t) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, (b * steps + t) * features, step.input, b * features, features);
        }
    }

}
