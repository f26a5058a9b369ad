package org.seq2seq4j.layers.recurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A {@link RecurrentStepper} over a cell's own step ({@link RecurrentCell#forward}): the step
 * buffers are made when the constants are set (or at the first step of a cell without
 * constants) and reused for every step; the weights are read live.
 */
final class CellStepper implements RecurrentStepper {
    private final RecurrentCell cell;
    private final int capacity;
    private int batch;
    private final int features;
    private float[][] states;
    private float[] oneHot;
    private float[][] constants = new float[0][];
    private List<Shape> constantShapes = List.of();
    private StepBuffers step;
    private float[] scratch = new float[0];

    CellStepper(RecurrentCell cell, int batch, int features) {
        if (batch <= 0) {
            throw ConfigException.argument("stepper", "batch", "a positive integer", batch);
        }
        this.cell = cell;
        this.batch = batch;
        this.capacity = batch;
        this.features = features;
        int[] sizes = cell.stateSizes();
        this.states = new float[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            states[k] = new float[batch * sizes[k]];
        }
        this.oneHot = new float[batch * features];
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public int outputSize() {
        return cell.outputSize();
    }

    @Override
    public int stateCount() {
        return states.length;
    }

    @Override
    public float[] state(int k) {
        return states[k];
    }

    @Override
    public void setState(int k, float[] src, int off) {
        System.arraycopy(src, off, states[k], 0, states[k].length);
    }

    /** Zeros every state; a new sequence, so the cell's per-pass preparation runs again (the weights may have changed). */
    @Override
    public void resetStates() {
        for (float[] s : states) {
            Arrays.fill(s, 0f);
        }
        if (batch != capacity) {             // compacted: a new sequence needs every row, and new constants
            batch = capacity;
            int[] sizes = cell.stateSizes();
            for (int k = 0; k < states.length; k++) {
                states[k] = new float[batch * sizes[k]];
            }
            constants = new float[0][];
            constantShapes = List.of();
            step = null;
        } else if (step != null) {
            cell.beginPass(step, false);
        }
    }

    @Override
    public void setConstants(Tensor... given) {
        if (given.length != cell.constantCount()) {
            throw new ConfigException(cell.describe() + " stepper", "constants",
                    cell.constantCount() + " constant tensor(s)", given.length + " given");
        }
        List<Shape> shapes = new ArrayList<>();
        float[][] values = new float[given.length][];
        int widest = 0;
        for (int k = 0; k < given.length; k++) {
            Shape s = given[k].shape();
            if (s.rank() < 1 || s.dim(0) != batch) {
                throw new ShapeException(cell.describe() + " stepper constant " + k, "a batch axis of " + batch + " rows", s);
            }
            shapes.add(s);
            values[k] = given[k].data().clone();
            widest = Math.max(widest, values[k].length / batch);
        }
        constants = values;
        constantShapes = shapes;
        scratch = new float[batch * widest];
        step = null;
    }

    @Override
    public void selectRows(int[] rows, int off) {
        for (float[] s : states) {
            reorder(s, rows, off);
        }
        for (float[] c : constants) {
            reorder(c, rows, off);
        }
    }

    private void reorder(float[] values, int[] rows, int off) {
        int w = values.length / batch;
        if (scratch.length < values.length) {
            scratch = new float[values.length];
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(values, rows[off + b] * w, scratch, b * w, w);
        }
        System.arraycopy(scratch, 0, values, 0, values.length);
    }

    /** Keeps {@code count} rows of the states and constants; the step buffers are made again for that batch. */
    @Override
    public void compact(int[] from, int count) {
        if (count < 0 || count > batch) {
            throw ConfigException.argument("stepper", "count", "in [0, " + batch + "]", count);
        }
        for (int k = 0; k < states.length; k++) {
            states[k] = kept(states[k], from, count);
        }
        List<Shape> shapes = new ArrayList<>();
        for (int k = 0; k < constants.length; k++) {
            constants[k] = kept(constants[k], from, count);
            int[] dims = constantShapes.get(k).dims();
            dims[0] = count;
            shapes.add(Shape.of(dims));
        }
        constantShapes = shapes;
        batch = count;
        step = null;
    }

    private float[] kept(float[] values, int[] from, int count) {
        int w = values.length / batch;
        float[] out = new float[count * w];
        for (int b = 0; b < count; b++) {
            System.arraycopy(values, from[b] * w, out, b * w, w);
        }
        return out;
    }

    @Override
    public void step(float[] x, int xOff) {
        StepBuffers s = buffers();
        System.arraycopy(x, xOff, s.input, 0, s.input.length);
        for (int k = 0; k < states.length; k++) {
            System.arraycopy(states[k], 0, s.states[k], 0, states[k].length);
        }
        s.cache = null;
        cell.forward(s);
        for (int k = 0; k < states.length; k++) {
            System.arraycopy(s.newStates[k], 0, states[k], 0, states[k].length);
        }
    }

    @Override
    public void stepTokens(int[] ids, int off) {
        Arrays.fill(oneHot, 0f);
        for (int b = 0; b < batch; b++) {
            int id = ids[off + b];
            if (id < 0 || id >= features) {
                throw ConfigException.argument("stepTokens", "ids[" + (off + b) + "]", "a token id in [0, " + features + ")", id);
            }
            oneHot[b * features + id] = 1f;
        }
        step(oneHot, 0);
    }

    @Override
    public float[] output() {
        return buffers().output;
    }

    private StepBuffers buffers() {
        if (step == null) {
            if (constants.length != cell.constantCount()) {
                throw new ConfigException(cell.describe() + " stepper", "constants",
                        cell.constantCount() + " constant tensor(s) set with setConstants before the first step",
                        "none set");
            }
            List<Variable> ws = cell.weights();
            float[][] weights = new float[ws.size()][];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = ws.get(i).value().data();
            }
            step = new StepBuffers(batch, 1, features, cell.stateSizes(), cell.outputSize(), constants, constantShapes,
                    weights, cell.workspaceSize(batch, constantShapes), false);
            cell.beginPass(step, false);
        }
        return step;
    }
}
