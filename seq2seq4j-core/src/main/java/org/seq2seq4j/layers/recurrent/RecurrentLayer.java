package org.seq2seq4j.layers.recurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.FluentLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * What every Keras recurrent layer does around its cells (Keras's {@code RNN} base): the time
 * loop (one fused {@link RnnLoop} op per cell), masks, {@code go_backwards}, initial and stateful
 * states, dropout in training calls and the return options. Input {@code (batch, timesteps,
 * features)}; output {@code (batch, units)}, or {@code (batch, timesteps, units)} with
 * return_sequences; with return_state the outputs are {@code [output, states...]}, the states of
 * every cell in order ({@code h, c} for LSTM, {@code h} for GRU and SimpleRNN). Call with
 * {@code call(ctx, x)} or {@code call(ctx, x, initialStates...)}; a mask {@code (batch,
 * timesteps)} comes from {@link CallContext#mask()}, except in a call given initial states: Keras 3
 * passes a layer its input's mask only when the call has one tensor argument, so
 * {@code LSTM(...)(x, initial_state=s)} runs over masked steps like any other (the output still
 * carries the mask on); {@link #maskWithInitialStates} gives Keras 2's rule, which masks such calls.
 *
 * <p>Stacked cells run one after the other over the whole sequence (the same values as Keras's
 * per-step StackedRNNCells: a masked step keeps every cell's states). With {@code stateful} the
 * final states of a call are the initial states of the next (no gradient flows across calls);
 * the batch size is fixed by {@code batch_input_shape} or the first build, and
 * {@link #resetStates()} sets the states to zeros. {@code unroll} is accepted and has no effect.
 *
 * <pre>{@code
 * GRU gru = new GRU(4).returnSequences(true).returnState(true);
 * Tensor[] out = gru.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // [sequence (2, 5, 4), h (2, 4)]
 * }</pre>
 *
 * @param <L> the concrete layer type, returned by the fluent setters
 */
public abstract class RecurrentLayer<L extends RecurrentLayer<L>> extends FluentLayer<L> {
    /** Keras keys of the RNN arguments and the base layer arguments. */
    private static final Set<String> RNN_KEYS = Set.of("return_sequences", "return_state", "go_backwards", "stateful",
            "unroll", "zero_output_for_mask", "name", "trainable", "batch_input_shape", "batch_shape");
    /** Keras keys with no effect here (dtype is always float32; the seed comes from the call's random stream). */
    private static final Set<String> IGNORED = Set.of("dtype", "seed", "implementation", "time_major");
    /** Keras keys for features not supported yet: accepted only when null. */
    private static final Set<String> NULL_ONLY = Set.of("kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint");

    private final List<RecurrentCell> cells;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private boolean unroll;
    private boolean zeroOutputForMask;
    private boolean maskWithInitialStates;
    /** With stateful: the batch size and the states carried between calls (flattened over the cells). */
    private int statefulBatch;
    private float[][] states;
    /** The input width the first cell was built for. */
    private int features;

    protected RecurrentLayer(List<? extends RecurrentCell> cells) {
        if (cells == null || cells.isEmpty() || cells.stream().anyMatch(java.util.Objects::isNull)) {
            throw ConfigException.argument(className(), "cell", "one cell or a non-empty list of cells", cells);
        }
        this.cells = List.copyOf(cells);
        for (int i = 1; i < cells.size(); i++) {
            if (cells.get(i).constantCount() > 0) {
                throw ConfigException.argument(className(), "cell", "constants read by the first cell only",
                        cells.get(i).describe() + " reads " + cells.get(i).constantCount() + " constant(s)");
            }
        }
    }


    /** The cells, first to last. */
    public List<RecurrentCell> cells() {
        return cells;
    }

    /** The output width: the last cell's output size (its units for LSTM, GRU, SimpleRNN). */
    public int units() {
        return cells.get(cells.size() - 1).outputSize();
    }

    /** The number of states, over every cell. */
    public int stateCount() {
        return stateSizes().length;
    }

    /** The width of every state, over every cell in order. */
    public int[] stateSizes() {
        return cells.stream().flatMapToInt(c -> java.util.Arrays.stream(c.stateSizes())).toArray();
    }

    /** How many constant tensors a call takes after the initial states (those of the first cell). */
    public int constantCount() {
        return cells.get(0).constantCount();
    }

    /** Return the output of every timestep {@code (batch, timesteps, units)} instead of the last. */
    public L returnSequences(boolean b) {
        checkNotBuilt("returnSequences");
        returnSequences = b;
        return self();
    }

    /** Also return the final states: outputs become {@code [output, states...]}. */
    public L returnState(boolean b) {
        checkNotBuilt("returnState");
        returnState = b;
        return self();
    }

    /** Process the sequence (and mask) from the last timestep to the first; sequences come out in that order. */
    public L goBackwards(boolean b) {
        checkNotBuilt("goBackwards");
        goBackwards = b;
        return self();
    }

    /** Carry the final states of each call over to the next (needs a fixed batch size). */
    public L stateful(boolean b) {
        checkNotBuilt("stateful");
        stateful = b;
        return self();
    }

    /** Accepted for Keras compatibility; the fused loop never unrolls. */
    public L unroll(boolean b) {
        checkNotBuilt("unroll");
        unroll = b;
        return self();
    }

    /** Masked timesteps output zeros instead of repeating the previous output. */
    public L zeroOutputForMask(boolean b) {
        checkNotBuilt("zeroOutputForMask");
        zeroOutputForMask = b;
        return self();
    }

    /**
     * Whether a call given initial states reads the input's mask: false as in Keras 3, true as in
     * Keras 2 and TensorFlow.js (the importer sets it for their files). Not part of the Keras config.
     */
    public L maskWithInitialStates(boolean b) {
        maskWithInitialStates = b;
        return self();
    }

    public boolean maskWithInitialStates() {
        return maskWithInitialStates;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean returnState() {
        return returnState;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    public boolean stateful() {
        return stateful;
    }

    public boolean zeroOutputForMask() {
        return zeroOutputForMask;
    }

    /** Sets the carried states of a stateful layer to zeros; no effect before the first build or when not stateful. */
    @Override
    public void resetStates() {
        if (states != null) {
            for (float[] s : states) {
                Arrays.fill(s, 0f);
            }
        }
    }

    /** Copies of the states a stateful layer carries, each {@code (batch, units)}; empty when not stateful or not built. */
    public List<Tensor> states() {
        List<Tensor> out = new ArrayList<>();
        if (states != null) {
            for (float[] s : states) {
                out.add(Tensor.of(s.clone(), statefulBatch, s.length / statefulBatch));
            }
        }
        return out;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
        if (isBuilt() && in.last() != features) {
            throw new ShapeException(describe(), "input with " + features + " features on the last axis (batch, timesteps, "
                    + features + "), as when it was built", in);
        }
    }

    /** Builds every cell; the constants' shapes are those of the inputs after the initial states. */
    @Override
    protected void doBuild(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        if (stateful) {
            statefulBatch = fixedBatch(in);
        }
        features = in.last();
        List<Shape> constants = constantShapes(inputShapes);
        int width = features;
        Set<String> used = new HashSet<>();
        for (RecurrentCell c : cells) {
            String prefix = c.name();
            for (int k = 1; !used.add(prefix); k++) {
                prefix = c.name() + "_" + k;
            }
            c.build(width, c == cells.get(0) ? constants : List.of(), weightFactory(prefix));
            width = c.outputSize();
        }
        if (stateful) {
            int[] sizes = stateSizes();
            states = new float[sizes.length][];
            for (int k = 0; k < sizes.length; k++) {
                states[k] = new float[statefulBatch * sizes[k]];
            }
        }
    }

    /** How a cell's weights are named: {@code <layer>/<cell prefix>/<weight>} as Keras 3 writes them. */
    protected RecurrentCell.WeightFactory weightFactory(String cellPrefix) {
        return (weightName, shape, init) -> addWeight(cellPrefix + "/" + weightName, shape, init);
    }

    /** The shapes of the constants among a call's inputs {@code [x, initial states?, constants]}. */
    private List<Shape> constantShapes(List<Shape> inputShapes) {
        int n = constantCount();
        return inputShapes.size() <= n ? List.of() : List.copyOf(inputShapes.subList(inputShapes.size() - n, inputShapes.size()));
    }

    /** The batch size of a stateful layer: from the build shape, else from batch_input_shape. */
    private int fixedBatch(Shape in) {
        if (in.dim(0) != Shape.UNKNOWN) {
            return in.dim(0);
        }
        Shape bis = batchInputShape();
        if (bis != null && bis.dim(0) != Shape.UNKNOWN) {
            return bis.dim(0);
        }
        throw new ShapeException(describe(), "a fixed batch size with stateful=True", in,
                "set batch_input_shape with a batch size, or build or call it on a batch of known size");
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
        return returnSequences ? in.withLast(units()) : Shape.of(in.dim(0), units());
    }

    @Override
    public List<Shape> computeOutputShapes(Shape in) {
        List<Shape> out = new ArrayList<>(List.of(computeOutputShape(in)));
        if (returnState) {
            for (int size : stateSizes()) {
                out.add(Shape.of(in.dim(0), size));
            }
        }
        return out;
    }

    /** The output mask: the input mask with return_sequences, else none. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return returnSequences ? inputMask : null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Tensor x = inputs[0];
        int batch = x.shape().dim(0);
        int steps = x.shape().dim(1);
        if (steps == 0) {
            throw new ShapeException(describe(), "input with at least one timestep (batch, timesteps, features)", x.shape());
        }
        int nc = constantCount();
        Tensor mask = inputs.length - nc > 1 && !maskWithInitialStates ? null : ctx.mask();
        if (mask != null && !mask.shape().equals(Shape.of(batch, steps))) {
            throw new ShapeException(describe() + " mask", "shape (batch, timesteps) = " + x.shape().take(2), mask.shape());
        }
        if (stateful && batch != statefulBatch) {
            throw new ShapeException(describe(), "input with the batch size " + statefulBatch + " it is stateful for",
                    x.shape(), "a stateful RNN keeps one state per batch row; call resetStates() does not change the size");
        }
        if (inputs.length - 1 < nc) {
            throw new ShapeException(describe(), nc + " constant tensor(s) after the input and initial states",
                    x.shape(), (inputs.length - 1) + " extra input(s) were given");
        }
        Tensor[] constants = Arrays.copyOfRange(inputs, inputs.length - nc, inputs.length);
        Tensor[] initial = initialStates(Arrays.copyOfRange(inputs, 0, inputs.length - nc), batch);
        SplittableRandom random = ctx.random() != null ? ctx.random() : random();
        List<Tensor> finalStates = new ArrayList<>();
        Tensor seq = x;
        int first = 0;
        for (int i = 0; i < cells.size(); i++) {
            RecurrentCell c = cells.get(i);
            boolean last = i == cells.size() - 1;
            StepProgram program = c.program(ctx.training(), random, batch, seq.shape().dim(2));
            RnnLoop loop = new RnnLoop(program, i == 0 && goBackwards, !last || returnSequences, zeroOutputForMask);
            Tensor[] init = initial == null ? null : Arrays.copyOfRange(initial, first, first + c.stateCount());
            Tensor[] out = loop.apply(seq, i == 0 ? constants : new Tensor[0], init, mask);
            seq = out[0];
            finalStates.addAll(Arrays.asList(out).subList(1, out.length));
            first += c.stateCount();
            if (i == 0 && goBackwards && mask != null && !last) {
                mask = reversedInTime(mask, batch, steps);
            }
        }
        if (stateful) {
            for (int k = 0; k < states.length; k++) {
                System.arraycopy(finalStates.get(k).data(), 0, states[k], 0, states[k].length);
            }
        }
        if (!returnState) {
            return new Tensor[] {seq};
        }
        finalStates.add(0, seq);
        return finalStates.toArray(new Tensor[0]);
    }

    /** The given initial states after the input, checked; else the carried states when stateful; else null. */
    private Tensor[] initialStates(Tensor[] inputs, int batch) {
        if (inputs.length == 1) {
            return stateful ? statefulTensors() : null;
        }
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t == null ? Shape.scalar() : t.shape());
        }
        checkInitialStates(shapes);
        return Arrays.copyOfRange(inputs, 1, inputs.length);
    }

    /**
     * Checks {@code [x, initial states...]}: none, or one {@code (batch, size)} per state, batch
     * being x's (either may be unknown in a functional graph).
     */
    private void checkInitialStates(List<Shape> shapes) {
        int given = shapes.size() - 1;
        if (given == 0) {
            return;
        }
        int batch = shapes.get(0).dim(0);
        int[] sizes = stateSizes();
        int n = sizes.length;
        if (given != n) {
            throw new ShapeException(describe(), "initial_state " + stateNames() + ": " + n + " tensor"
                    + (n == 1 ? "" : "s") + " of shape " + Shape.of(batch, sizes[0]), shapes.get(1),
                    given + " initial state tensor(s) were given");
        }
        for (int k = 0; k < n; k++) {
            Shape expected = Shape.of(batch, sizes[k]);
            Shape s = shapes.get(1 + k);
            if (!s.compatible(expected)) {
                throw new ShapeException(describe() + " initial_state[" + k + "]", "shape " + expected + " (batch, units)", s);
            }
        }
    }

    /** The output shapes, after checking the initial states and constants that follow the input. */
    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        int nc = constantCount();
        if (inputShapes.size() - 1 < nc) {
            throw new ShapeException(describe(), nc + " constant tensor(s) after the input and initial states",
                    inputShapes.get(0), (inputShapes.size() - 1) + " extra input(s) were given");
        }
        checkInitialStates(inputShapes.subList(0, inputShapes.size() - nc));
        return computeOutputShapes(inputShapes.get(0));
    }

    /** {@code [h, c]} for one LSTM cell, {@code [h]} for GRU or SimpleRNN, one entry per state over stacked cells. */
    private String stateNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String suffix = cells.size() == 1 ? "" : String.valueOf(i);
            RecurrentCell c = cells.get(i);
            for (int s = 0; s < c.stateCount(); s++) {
                names.add(c instanceof FusedCell<?> ? (s == 0 ? "h" : "c") + suffix : c.name() + "[" + s + "]");
            }
        }
        return names.toString();
    }

    private Tensor[] statefulTensors() {
        Tensor[] out = new Tensor[states.length];
        for (int k = 0; k < states.length; k++) {
            out[k] = Tensor.of(states[k].clone(), statefulBatch, states[k].length / statefulBatch);
        }
        return out;
    }

    /** The mask in processing order of a go_backwards first cell, for the cells after it. */
    private static Tensor reversedInTime(Tensor mask, int batch, int steps) {
        float[] m = mask.data();
        float[] r = new float[m.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                r[b * steps + t] = m[b * steps + steps - 1 - t];
            }
        }
        return Tensor.of(r, batch, steps);
    }

    /**
     * A one-timestep runner over this layer's weights for {@code batch} sequences, for decoders
     * and beam search; states start at zero (constants, if the cell reads any, are set on the
     * stepper). The layer must be built and have a single cell.
     */
    public RecurrentStepper stepper(int batch) {
        if (!isBuilt()) {
            throw new Seq2SeqException(describe() + " must be built before stepper(): call build(shape) or apply it once");
        }
        if (cells.size() != 1) {
            throw ConfigException.argument(describe(), "cell", "a single cell for stepper()", cells.size() + " stacked cells");
        }
        return cells.get(0).stepper(batch, features);
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig()
                .put("return_sequences", returnSequences)
                .put("return_state", returnState)
                .put("go_backwards", goBackwards)
                .put("stateful", stateful)
                .put("unroll", unroll)
                .put("zero_output_for_mask", zeroOutputForMask);
    }

    /** Reads the RNN and base arguments of {@code c} into {@code layer}. */
    protected static <L extends RecurrentLayer<L>> L applyRnnConfig(L layer, LayerConfig c) {
        String cls = layer.className();
        layer.returnSequences(c.getBool(cls, "return_sequences", false))
                .returnState(c.getBool(cls, "return_state", false))
                .goBackwards(c.getBool(cls, "go_backwards", false))
                .stateful(c.getBool(cls, "stateful", false))
                .unroll(c.getBool(cls, "unroll", false))
                .zeroOutputForMask(c.getBool(cls, "zero_output_for_mask", false));
        return applyBase(layer, c);
    }

    /**
     * Rejects keys of {@code c} that are neither RNN, base, ignored nor in {@code own}, and
     * regularizers or constraints that are not null, with a {@link ConfigException} naming {@code cls}.
     */
    protected static void checkKeys(String cls, LayerConfig c, Set<String> own) {
        Set<String> unknown = new TreeSet<>();
        for (String k : c.keys()) {
            if (NULL_ONLY.contains(k) && c.has(k)) {
                throw ConfigException.argument(cls, k, "null (regularizers and constraints are not supported yet)", c.get(k));
            }
            if (!own.contains(k) && !RNN_KEYS.contains(k) && !IGNORED.contains(k) && !NULL_ONLY.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.argument(cls, "config", "made of Keras " + cls + " arguments", "unknown keys " + unknown);
        }
    }
}
