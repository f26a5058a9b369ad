package org.seq2seq4j.layers.recurrent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A recurrent cell, Keras's contract: the computation of one timestep over
 * {@code (input_t, states, constants)}, run over a sequence by {@link RNN} (or any
 * {@link RecurrentLayer}), which owns the time loop: masks, {@code go_backwards}, initial and
 * stateful states, return_sequences / return_state, backpropagation through time and stepping
 * one timestep at a time for decoders ({@link RecurrentLayer#stepper}).
 *
 * <p>A cell declares its {@link #stateSizes() states} (each {@code (batch, size)}), its
 * {@link #outputSize() output} width, how many {@link #constantCount() constants} it reads at
 * every step (tensors with the batch axis first, such as an encoder's outputs, given after the
 * initial states when the layer is called; beam search reorders their rows with the states), and
 * its weights, created in {@link #build} through the {@link WeightFactory}. It implements one
 * step {@link #forward} and its hand-written {@link #backward} on a {@link StepBuffers}: plain
 * row-major arrays, the whole batch at once. The loop keeps the input and the states before
 * every step for the backward pass; what else the backward step needs, the forward step writes
 * into {@link StepBuffers#cache} ({@link #cacheWidth} floats per batch row and step). Neither
 * step may allocate: scratch space comes from {@link StepBuffers#workspace}
 * ({@link #workspaceSize} floats).
 *
 * <p>Keras's {@code LSTMCell}, {@code GRUCell} and {@code SimpleRNNCell} are cells too
 * ({@link FusedCell}); they run as one fused op per sequence instead of step by step. A cell
 * that should load from Keras configs registers its class name with {@link Cells#register}.
 *
 * <pre>{@code
 * // h_t = tanh(x_t · W + h_{t-1}): one state, one weight W (features, units), h_t kept for backward
 * final class TanhCell extends RecurrentCell {
 *     private final int units;
 *     TanhCell(int units) { this.units = units; }
 *     public int[] stateSizes() { return new int[] {units}; }
 *     public int outputSize() { return units; }
 *     public int cacheWidth(List<Shape> constants) { return units; }
 *     protected void doBuild(int features, List<Shape> constants, WeightFactory w) {
 *         w.add("kernel", Shape.of(features, units), Initializers.glorotUniform());
 *     }
 *     protected void forward(StepBuffers s) {
 *         for (int b = 0; b < s.batch; b++)
 *             for (int j = 0; j < units; j++) {
 *                 float a = s.states[0][b * units + j];
 *                 for (int f = 0; f < s.inputSize; f++) a += s.input[b * s.inputSize + f] * s.weights[0][f * units + j];
 *                 float h = (float) Math.tanh(a);
 *                 s.newStates[0][b * units + j] = h;
 *                 s.output[b * units + j] = h;
 *                 if (s.cache != null) s.cache[s.cacheOffset + b * units + j] = h;
 *             }
 *     }
 *     protected void backward(StepBuffers s) {
 *         for (int b = 0; b < s.batch; b++) {
 *             for (int j = 0; j < units; j++) {
 *                 float h = s.cache[s.cacheOffset + b * units + j];
 *                 float da = (s.dNewStates[0][b * units + j] + s.dOutput[b * units + j]) * (1 - h * h);
 *                 s.dStates[0][b * units + j] = da;
 *                 for (int f = 0; f < s.inputSize; f++) s.dWeights[0][f * units + j] += s.input[b * s.inputSize + f] * da;
 *             }
 *             for (int f = 0; f < s.inputSize; f++) {
 *                 float dx = 0;
 *                 for (int j = 0; j < units; j++) dx += s.dStates[0][b * units + j] * s.weights[0][f * units + j];
 *                 s.dInput[b * s.inputSize + f] = dx;
 *             }
 *         }
 *     }
 * }
 * RNN rnn = new RNN(new TanhCell(4)).returnSequences(true);
 * Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));                 // (2, 5, 4)
 * }</pre>
 */
public abstract class RecurrentCell {
    private String name;
    private final List<Variable> weights = new ArrayList<>();
    private boolean built;

    /** Creates the weights of a cell under names chosen by the layer that runs it. */
    @FunctionalInterface
    public interface WeightFactory {
        Variable add(String weightName, Shape shape, Initializer init);
    }

    protected RecurrentCell() {
    }

    /** The Keras class name, e.g. {@code "GRUCell"}; used in configs and messages. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The cell name, by default the snake_case class name ({@code lstm_cell}); weights live under it. */
    public String name() {
        return name != null ? name : className().replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Sets the cell name (before the cell is built). */
    public RecurrentCell name(String n) {
        checkNotBuilt("name");
        if (n == null || n.isEmpty()) {
            throw ConfigException.argument(className(), "name", "a non-empty string", n);
        }
        name = n;
        return this;
    }

    /** {@code ClassName 'name'}, the subject of error messages. */
    public String describe() {
        return className() + " '" + name() + "'";
    }

    /** The width of every state, in Keras order; state {@code k} is {@code (batch, stateSizes()[k])}. */
    public abstract int[] stateSizes();

    /** The number of states. */
    public int stateCount() {
        return stateSizes().length;
    }

    /** The width of the output of one step {@code (batch, outputSize())}. */
    public abstract int outputSize();

    /** How many constant tensors the cell reads at every step; default none. */
    public int constantCount() {
        return 0;
    }

    /**
     * Creates the weights for inputs of {@code features} values per step and constants of the given
     * shapes (batch axis first, possibly unknown); called once, by the layer that runs the cell.
     */
    public final void build(int features, List<Shape> constantShapes, WeightFactory factory) {
        checkNotBuilt("build");
        if (constantShapes.size() != constantCount()) {
            throw new ConfigException(describe(), "constants", constantCount() + " constant tensor(s)",
                    constantShapes.size() + " given");
        }
        doBuild(features, constantShapes, (weightName, shape, init) -> {
            Variable v = factory.add(weightName, shape, init);
            weights.add(v);
            return v;
        });
        built = true;
    }

    /** Creates the weights with {@code weights.add(name, shape, initializer)}, in Keras order. */
    protected abstract void doBuild(int features, List<Shape> constantShapes, WeightFactory weights);

    public boolean isBuilt() {
        return built;
    }

    /** The weights, in the order {@link #doBuild} created them. */
    public List<Variable> weights() {
        return Collections.unmodifiableList(weights);
    }

    /** Floats per batch row that {@link #forward} keeps per step for {@link #backward}; default none. */
    public int cacheWidth(List<Shape> constantShapes) {
        return 0;
    }

    /** Scratch floats one call of {@link #forward} or {@link #backward} may use; default none. */
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return 0;
    }

    /**
     * One step for the whole batch: reads {@link StepBuffers#input}, {@link StepBuffers#states},
     * {@link StepBuffers#constants} and {@link StepBuffers#weights}; writes every
     * {@link StepBuffers#newStates new state} and the {@link StepBuffers#output}; when
     * {@link StepBuffers#cache} is not null (a backward step follows), also what the backward
     * step needs, at {@link StepBuffers#cacheOffset}. Must not allocate.
     */
    protected abstract void forward(StepBuffers step);

    /**
     * Reverse of {@link #forward} for the same step, with the same input, states, constants and
     * cache: from {@link StepBuffers#dOutput} and {@link StepBuffers#dNewStates} (the gradients
     * of the loss with respect to the step's output and new states) writes
     * {@link StepBuffers#dStates} (with respect to the states before the step) and
     * {@link StepBuffers#dInput}, and <em>adds</em> into {@link StepBuffers#dWeights} and
     * {@link StepBuffers#dConstants}. Must not allocate.
     */
    protected abstract void backward(StepBuffers step);

    /**
     * Called before the steps of each pass over a sequence (the forward pass, then the backward
     * pass when {@code backward}) and when a stepper starts a sequence, with the buffers the steps
     * will get: a cell may prepare per-sequence data in its workspace here (pack weights, say).
     * Default: nothing.
     */
    protected void beginPass(StepBuffers step, boolean backward) {
    }

    /**
     * Called once after the backward steps of a sequence, with every step's cache in
     * {@link StepBuffers#cache} (step {@code t} at {@code t · batch · cacheWidth}): a cell that
     * defers its weight gradients to one product over all steps adds them to
     * {@link StepBuffers#dWeights} here. Default: nothing.
     */
    protected void endBackward(StepBuffers step) {
    }

    /** The Keras config: name, trainable and the cell's own arguments; override and add to it. */
    public LayerConfig getConfig() {
        return new LayerConfig().put("name", name()).put("trainable", true);
    }

    /**
     * How a layer runs this cell in one call; step by step through {@link #forward} and
     * {@link #backward}, unless the cell has a fused form.
     */
    StepProgram program(boolean training, SplittableRandom random, int batch, int features) {
        return new CellProgram(this);
    }

    /** A one-timestep runner for {@code batch} rows of {@code features} inputs (see {@link RecurrentLayer#stepper}). */
    RecurrentStepper stepper(int batch, int features) {
        return new CellStepper(this, batch, features);
    }

    /** The cell's operands of the sequence op after the input: its weights, read on the active tape. */
    Tensor[] operands() {
        Tensor[] out = new Tensor[weights.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights.get(i).read();
        }
        return out;
    }

    /** Throws when an option is set after the weights exist. */
    protected void checkNotBuilt(String option) {
        if (built) {
            throw new Seq2SeqException(describe() + ": " + option + " cannot change after the cell is built");
        }
    }

    /** Throws when the cell is used before {@link #build}. */
    protected void requireBuilt() {
        if (!built) {
            throw new Seq2SeqException(describe() + " is not built yet: run it in an RNN layer first");
        }
    }
}
