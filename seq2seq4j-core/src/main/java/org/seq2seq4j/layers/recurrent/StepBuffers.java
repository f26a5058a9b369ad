package org.seq2seq4j.layers.recurrent;

import java.util.List;
import org.seq2seq4j.tensor.Shape;

/**
 * What one step of a {@link RecurrentCell} reads and writes: plain row-major arrays for the whole
 * batch, allocated once per sequence (or per stepper) and reused for every step. Forward reads
 * {@link #input}, {@link #states}, {@link #constants}, {@link #weights} and writes
 * {@link #newStates}, {@link #output} and, when {@link #cache} is not null, the cell's cache for
 * this step; backward reads the same plus {@link #dOutput}, {@link #dNewStates} and writes
 * {@link #dStates}, {@link #dInput}, adding into {@link #dWeights} and {@link #dConstants}.
 *
 * <pre>{@code
 * // inside a cell's forward: h_t = tanh(x_t · W + h_{t-1}) for every batch row b
 * float[] w = step.weights[0];
 * for (int b = 0; b < step.batch; b++)
 *     for (int j = 0; j < units; j++) {
 *         float z = step.states[0][b * units + j];
 *         for (int f = 0; f < step.inputSize; f++) z += step.input[b * step.inputSize + f] * w[f * units + j];
 *         step.newStates[0][b * units + j] = step.output[b * units + j] = (float) Math.tanh(z);
 *     }
 * }</pre>
 */
public final class StepBuffers {
    /** Number of batch rows. */
    public final int batch;
    /**
     * Number of steps of the pass (1 for a stepper). Step {@code t}'s cache starts at
     * {@code t · batch · cacheWidth}, so {@link RecurrentCell#endBackward} can read every step's.
     */
    public final int steps;
    /** Width of the input of one step. */
    public final int inputSize;
    /** The input of this step {@code (batch, inputSize)}. */
    public final float[] input;
    /** The states before this step; {@code states[k]} is {@code (batch, stateSizes()[k])}. */
    public final float[][] states;
    /** The states after this step, written by forward; same layouts as {@link #states}. */
    public final float[][] newStates;
    /** The output of this step {@code (batch, outputSize())}, written by forward. */
    public final float[] output;
    /** The constants, batch axis first, row-major, with their {@link #constantShapes}. */
    public final float[][] constants;
    /** The shapes of the constants (batch axis first). */
    public final List<Shape> constantShapes;
    /** The values of the cell's weights, in {@link RecurrentCell#weights()} order and Keras layout. */
    public final float[][] weights;
    /** Scratch of {@link RecurrentCell#workspaceSize} floats, contents undefined on entry. */
    public final float[] workspace;
    /**
     * This step's cache: {@code cacheWidth} floats per batch row from {@link #cacheOffset}, row
     * {@code b} at {@code cacheOffset + b * cacheWidth}; null in forward when no backward follows.
     */
    public float[] cache;
    /** Where this step's cache starts in {@link #cache}. */
    public int cacheOffset;
    /** The gradient with respect to this step's output, in backward. */
    public final float[] dOutput;
    /** The gradients with respect to the states after this step, in backward. */
    public final float[][] dNewStates;
    /** Written by backward: the gradients with respect to the states before this step. */
    public final float[][] dStates;
    /** Written by backward: the gradient with respect to this step's input. */
    public final float[] dInput;
    /** Added to by backward (and {@link RecurrentCell#endBackward}): the gradients of the weights, as {@link #weights}. */
    public final float[][] dWeights;
    /** Added to by backward (and {@link RecurrentCell#endBackward}): the gradients of the constants, as {@link #constants}. */
    public final float[][] dConstants;

    StepBuffers(int batch, int steps, int inputSize, int[] stateSizes, int outputSize, float[][] constants,
                List<Shape> constantShapes, float[][] weights, int workspaceSize, boolean backward) {
        this.batch = batch;
        this.steps = steps;
        this.inputSize = inputSize;
        this.input = new float[batch * inputSize];
        this.states = rows(batch, stateSizes);
        this.newStates = rows(batch, stateSizes);
        this.output = new float[batch * outputSize];
        this.constants = constants;
        this.constantShapes = List.copyOf(constantShapes);
        this.weights = weights;
        this.workspace = new float[workspaceSize];
        this.dOutput = backward ? new float[batch * outputSize] : null;
        this.dNewStates = backward ? rows(batch, stateSizes) : null;
        this.dStates = backward ? rows(batch, stateSizes) : null;
        this.dInput = backward ? new float[batch * inputSize] : null;
        this.dWeights = backward ? new float[weights.length][] : null;
        this.dConstants = backward ? new float[constants.length][] : null;
    }

    private static float[][] rows(int batch, int[] widths) {
        float[][] out = new float[widths.length][];
        for (int k = 0; k < widths.length; k++) {
            out[k] = new float[batch * widths[k]];
        }
        return out;
    }

}
