package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The decoder of {@link Seq2Seq}: recurrentshop's {@code RecurrentSequential(readout='add' if peek
 * else 'readout_only', state_sync=True, decode=True, output_length, teacher_force)} over
 * {@code depth × [Dropout(dropout), LSTMDecoderCell(outputDim, hiddenDim)]}, as one recurrent
 * layer that runs {@code outputLength} steps from a context vector {@code C}. Each step's input is
 * the previous step's output (C at the first step; with peek, plus C), one pair of states
 * {@code (h, c)} runs through every cell of the stack within the step and each cell's readout is
 * the next one's input; the equations are in the cell's documentation ({@code Seq2SeqDecoderCell}).
 *
 * <p>Inputs: {@code C (batch, outputDim)}, then optionally the initial states {@code h, c}
 * ({@code (batch, hiddenDim)}; GRU: {@code h}; zeros when not given; the original's
 * {@code broadcast_state}), then with teacher forcing the targets {@code (batch, outputLength,
 * outputDim)}. Output {@code (batch, outputLength, outputDim)}. With teacher forcing, training
 * steps {@code t ≥ 1} take the target of step {@code t − 1} instead of the previous output; calls
 * outside training use the outputs, as the original's {@code in_train_phase}. (The original's
 * step reads the target of step {@code t} itself, the one it must predict: its index correction
 * {@code counter - switch(counter, one, zero)} has {@code one = 0}; this layer feeds
 * {@code t − 1} as intended.) Dropout draws a new mask per step and cell, as the original.
 *
 * <p>Weights per cell k: {@code lstm_decoder_cell[_k]/kernel (outputDim, 4h)} (no bias, the
 * original's W1), {@code recurrent_kernel (h, 4h)}, {@code bias (4h)} (its U),
 * {@code output_kernel (h, outputDim)}, {@code output_bias (outputDim)} (its W2):
 * {@code depth · (4h·(outputDim + h + 1) + outputDim·(h + 1))} parameters (GRU:
 * {@code 3h·(outputDim + h + 2)} for the core). The readouts end in tanh as the original's;
 * {@link #outputActivation} softmax makes the last one a distribution (same parameters).
 *
 * <pre>{@code
 * Seq2SeqDecoder dec = new Seq2SeqDecoder(20, 10, 8, 4).peek(true);
 * Tensor y = dec.apply(Tensor.random(Shape.of(2, 20), 1));              // (2, 8, 20)
 * // dec.countParams() -> 4 · (4·10·(20 + 10 + 1) + 20·(10 + 1)) = 5,840
 * }</pre>
 */
public final class Seq2SeqDecoder extends RecurrentLayer<Seq2SeqDecoder> {
    private static final Set<String> OWN_KEYS = Set.of("output_dim", "hidden_dim", "output_length", "depth", "cell",
            "peek", "teacher_force", "dropout", "output_activation");

    private final Seq2SeqDecoderCell cell;
    private final int outputLength;
    private boolean peek;
    private boolean teacherForce;
    private double dropout;
    private ActivationFunction outputActivation = ActivationFunction.TANH;

    /** An LSTM decoder of {@code depth} stacked cells of {@code hiddenDim} units, {@code outputLength} steps. */
    public Seq2SeqDecoder(int outputDim, int hiddenDim, int outputLength, int depth) {
        this(outputDim, hiddenDim, outputLength, depth, CellType.LSTM);
    }

    /** A decoder of {@code depth} stacked cells of the given type. */
    public Seq2SeqDecoder(int outputDim, int hiddenDim, int outputLength, int depth, CellType type) {
        this(new Seq2SeqDecoderCell(type, ReadoutCell.positive("Seq2SeqDecoder", "output_dim", outputDim),
                ReadoutCell.positive("Seq2SeqDecoder", "hidden_dim", hiddenDim),
                ReadoutCell.positive("Seq2SeqDecoder", "depth", depth)),
                ReadoutCell.positive("Seq2SeqDecoder", "output_length", outputLength));
    }

    private Seq2SeqDecoder(Seq2SeqDecoderCell cell, int outputLength) {
        super(List.of(cell));
        this.cell = cell;
        this.outputLength = outputLength;
        super.returnSequences(true);
    }

    public int outputDim() {
        return cell.outputDim();
    }

    public int hiddenDim() {
        return cell.units();
    }

    public int outputLength() {
        return outputLength;
    }

    public int depth() {
        return cell.depth();
    }

    public CellType cellType() {
        return cell.type();
    }

    public boolean peek() {
        return peek;
    }

    /** Add the context C to every step's input (Cho et al.'s model; the original's {@code peek}). */
    public Seq2SeqDecoder peek(boolean b) {
        checkNotBuilt("peek");
        peek = b;
        return options();
    }

    public boolean teacherForce() {
        return teacherForce;
    }

    /** Take the targets as a last input and feed them in training steps instead of the outputs. */
    public Seq2SeqDecoder teacherForce(boolean b) {
        checkNotBuilt("teacherForce");
        teacherForce = b;
        return options();
    }

    public double dropout() {
        return dropout;
    }

    /** Fraction of each cell's input dropped in training calls, in [0, 1); a new mask per step. */
    public Seq2SeqDecoder dropout(double rate) {
        checkNotBuilt("dropout");
        dropout = rate(describe(), rate);
        return options();
    }

    public ActivationFunction outputActivation() {
        return outputActivation;
    }

    /** The last readout's activation: tanh (the original's, default) or softmax. */
    public Seq2SeqDecoder outputActivation(ActivationFunction a) {
        checkNotBuilt("outputActivation");
        outputActivation = DecoderLevel.checkActivation(describe(), a);
        return options();
    }

    /** As {@link #outputActivation(ActivationFunction)} with a Keras name. */
    public Seq2SeqDecoder outputActivation(String kerasName) {
        return outputActivation(ActivationFunction.fromKerasName(kerasName));
    }

    private Seq2SeqDecoder options() {
        cell.options(peek, teacherForce, dropout > 0, outputActivation);
        return this;
    }

    /** The decoder returns every step; {@code false} is refused. */
    @Override
    public Seq2SeqDecoder returnSequences(boolean b) {
        if (!b) {
            throw ConfigException.argument(describe(), "return_sequences", "true (the decoder returns every step)", false);
        }
        return this;
    }

    /** The decoder's states are not returned; {@code true} is refused. */
    @Override
    public Seq2SeqDecoder returnState(boolean b) {
        if (b) {
            throw ConfigException.argument(describe(), "return_state", "false (the decoder returns its outputs only)",
                    true);
        }
        return this;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 2, "(batch, output_dim): the context vector");
        if (in.last() != outputDim()) {
            throw new ShapeException(describe(), "a context of output_dim = " + outputDim() + " values (batch, "
                    + outputDim() + ")", in);
        }
    }

    @Override
    protected void doBuild(List<Shape> inputShapes) {
        Shape c = inputShapes.get(0);
        super.doBuild(List.of(Shape.of(c.dim(0), outputLength, cell.inputWidth()), c));
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        checkInput(in);
        return Shape.of(in.dim(0), outputLength, outputDim());
    }

    @Override
    public List<Shape> computeOutputShapes(Shape in) {
        return List.of(computeOutputShape(in));
    }

    /** Checks {@code [C, states?, targets?]} and gives {@code [(batch, outputLength, outputDim)]}. */
    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape c = inputShapes.get(0);
        List<Shape> expected = new ArrayList<>(List.of(c));
        int states = inputShapes.size() - 1 - (teacherForce ? 1 : 0);
        int core = cell.stateSizes().length - 1;
        if (states != 0 && states != core) {
            throw new ShapeException(describe(), "inputs [context" + (core == 2 ? ", h, c" : ", h") + " (optional)"
                    + (teacherForce ? ", targets]" : "]"), c, inputShapes.size() + " input tensors were given");
        }
        for (int k = 0; k < states; k++) {
            expected.add(Shape.of(c.dim(0), hiddenDim()));
        }
        if (teacherForce) {
            expected.add(Shape.of(c.dim(0), outputLength, outputDim()));
        }
        String[] names = {"initial state", "initial state", "targets"};
        for (int i = 1; i < inputShapes.size(); i++) {
            if (!inputShapes.get(i).compatible(expected.get(i))) {
                String what = i <= states ? names[0] : names[2];
                throw new ShapeException(describe() + " " + what, "shape " + expected.get(i), inputShapes.get(i));
            }
        }
        return computeOutputShapes(c);
    }

    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        computeOutputShapes(inputs.length == 0 ? List.of() : java.util.Arrays.stream(inputs).map(Tensor::shape).toList());
        Tensor c = inputs[0];
        int batch = c.shape().dim(0);
        int core = cell.stateSizes().length - 1;
        Tensor targets = teacherForce ? inputs[inputs.length - 1] : null;
        boolean given = inputs.length - 1 - (teacherForce ? 1 : 0) == core;
        Tensor[] call = new Tensor[core + 3];
        call[0] = stepInputs(ctx, batch, targets);
        for (int k = 0; k < core; k++) {
            call[1 + k] = given ? inputs[1 + k] : Tensor.zeros(batch, hiddenDim());
        }
        call[1 + core] = c;
        call[2 + core] = c;
        return new Tensor[] {super.doCall(call, ctx.withMask(null))[0]};
    }

    /**
     * The inputs of the steps {@code (batch, outputLength, width)}: in training calls with teacher
     * forcing, the flag and the target of step {@code t − 1} for {@code t ≥ 1}; the dropout masks
     * (ones outside training).
     */
    private Tensor stepInputs(CallContext ctx, int batch, Tensor targets) {
        int w = cell.inputWidth();
        int o = outputDim();
        int steps = batch * outputLength;
        float[] x = new float[steps * w];
        if (teacherForce && ctx.training()) {
            float[] t = targets.data();
            for (int b = 0; b < batch; b++) {
                for (int s = 1; s < outputLength; s++) {
                    int row = (b * outputLength + s) * w;
                    x[row] = 1f;
                    System.arraycopy(t, (b * outputLength + s - 1) * o, x, row + 1, o);
                }
            }
        }
        if (cell.masks()) {
            int mw = depth() * o;
            float[] m = masks(ctx, ctx.random() != null ? ctx.random() : random(), steps, mw, dropout);
            for (int r = 0; r < steps; r++) {
                System.arraycopy(m, r * mw, x, r * w + cell.maskColumn(), mw);
            }
        }
        return Tensor.of(x, batch, outputLength, w);
    }

    /**
     * A stepper for {@code batch} rows over this layer's weights, with the context set as the
     * constant and the first readout; the states {@code h, c} start at zero.
     */
    RecurrentStepper stepper(Tensor context) {
        RecurrentStepper st = stepper(context.shape().dim(0));
        st.setConstants(context);
        st.setState(cell.stateSizes().length - 1, context.data(), 0);
        return st;
    }

    /** The width of a step's input, and where its dropout masks start (ones outside training). */
    int stepWidth() {
        return cell.inputWidth();
    }

    int maskColumn() {
        return cell.maskColumn();
    }

    /** Checks a dropout rate: in [0, 1). */
    static double rate(String subject, double r) {
        if (!(r >= 0 && r < 1)) {
            throw ConfigException.argument(subject, "dropout", "in [0, 1)", r);
        }
        return r;
    }

    /**
     * {@code rows × width} dropout masks for one call: 0 or {@code 1/(1 − rate)} drawn from
     * {@code random} in training calls, ones otherwise.
     */
    static float[] masks(CallContext ctx, SplittableRandom random, int rows, int width, double rate) {
        float[] m = new float[rows * width];
        if (!ctx.training()) {
            java.util.Arrays.fill(m, 1f);
            return m;
        }
        float keep = (float) (1 / (1 - rate));
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() >= rate ? keep : 0f;
        }
        return m;
    }

    /** A copy of {@code c} with return_sequences true, as a decoder layer's config always is. */
    static LayerConfig sequences(LayerConfig c) {
        LayerConfig copy = new LayerConfig();
        for (String k : c.keys()) {
            copy.put(k, c.get(k));
        }
        return copy.put("return_sequences", true);
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("output_dim", outputDim()).put("hidden_dim", hiddenDim())
                .put("output_length", outputLength).put("depth", depth()).put("cell", cellType().kerasName())
                .put("peek", peek).put("teacher_force", teacherForce).put("dropout", dropout)
                .put("output_activation", outputActivation.kerasName());
    }

    /** The layer from its config (the arguments above and the RNN ones). */
    public static Seq2SeqDecoder fromConfig(LayerConfig c) {
        String cls = "Seq2SeqDecoder";
        checkKeys(cls, c, OWN_KEYS);
        if (!c.getBool(cls, "return_sequences", true) || c.getBool(cls, "return_state", false)) {
            throw ConfigException.argument(cls, "return_sequences / return_state", "true / false",
                    c.get("return_sequences") + " / " + c.get("return_state"));
        }
        Seq2SeqDecoder d = new Seq2SeqDecoder(c.requireInt(cls, "output_dim"), c.requireInt(cls, "hidden_dim"),
                c.requireInt(cls, "output_length"), c.requireInt(cls, "depth"),
                CellType.fromKerasName(c.getString("cell", "LSTM")))
                .peek(c.getBool(cls, "peek", false)).teacherForce(c.getBool(cls, "teacher_force", false))
                .dropout(c.getDouble(cls, "dropout", 0))
                .outputActivation(c.activation("output_activation", ActivationFunction.TANH));
        return applyRnnConfig(d, sequences(c));
    }
}
