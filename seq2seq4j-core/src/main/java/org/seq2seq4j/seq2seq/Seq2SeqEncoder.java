package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The encoder of {@link Seq2Seq}: recurrentshop's {@code RecurrentSequential(readout=True,
 * state_sync=True)} over {@code depth × [LSTMCell(hiddenDim), Dropout(dropout)]}, as one
 * recurrent layer. Within a step one pair of states {@code (h, c)} runs through every cell of the
 * stack, each cell's output (after dropout, a new mask per step as the original draws it) is the
 * next one's input, and the step's input is added to the previous step's output (zeros at the
 * first step); the equations are in the cell's documentation ({@code Seq2SeqEncoderCell}). Masks
 * keep the states of masked steps, as every recurrent layer.
 *
 * <p>Input {@code (batch, timesteps, hiddenDim)} (the original puts a {@code TimeDistributed(Dense(
 * hiddenDim))} in front); output {@code (batch, hiddenDim)} (the last step's, or every step's with
 * return_sequences), then with return_state the final states {@code h, c} (GRU: {@code h}), the
 * original's {@code broadcast_state}. Weights per cell k: {@code lstm_cell[_k]/kernel (h, 4h)},
 * {@code recurrent_kernel (h, 4h)}, {@code bias (4h)}: {@code depth · 4h·(2h + 1)} parameters
 * (GRU: {@code depth · 3h·(2h + 2)}). Differences from the original: Keras's LSTM step (sigmoid gates, not
 * hard_sigmoid; the cell state is not squashed by tanh before it is passed on) and GRU as an option.
 *
 * <pre>{@code
 * Seq2SeqEncoder enc = new Seq2SeqEncoder(10, 4).returnState(true);
 * List<Tensor> out = enc.applyAll(Tensor.random(Shape.of(2, 7, 10), 1));   // [output (2, 10), h (2, 10), c (2, 10)]
 * // enc.countParams() -> 4 · 4·10·(2·10 + 1) = 3,360
 * }</pre>
 */
public final class Seq2SeqEncoder extends RecurrentLayer<Seq2SeqEncoder> {
    private static final Set<String> OWN_KEYS = Set.of("hidden_dim", "depth", "cell", "dropout");

    private final Seq2SeqEncoderCell cell;
    private double dropout;

    /** An LSTM encoder of {@code depth} stacked cells of {@code hiddenDim} units. */
    public Seq2SeqEncoder(int hiddenDim, int depth) {
        this(hiddenDim, depth, CellType.LSTM);
    }

    /** An encoder of {@code depth} stacked cells of the given type. */
    public Seq2SeqEncoder(int hiddenDim, int depth, CellType type) {
        this(new Seq2SeqEncoderCell(type, ReadoutCell.positive("Seq2SeqEncoder", "hidden_dim", hiddenDim),
                ReadoutCell.positive("Seq2SeqEncoder", "depth", depth)));
    }

    private Seq2SeqEncoder(Seq2SeqEncoderCell cell) {
        super(List.of(cell));
        this.cell = cell;
    }

    public int hiddenDim() {
        return cell.units();
    }

    public int depth() {
        return cell.depth();
    }

    public CellType cellType() {
        return cell.type();
    }

    public double dropout() {
        return dropout;
    }

    /** Fraction of each cell's output dropped in training calls, in [0, 1); a new mask per step. */
    public Seq2SeqEncoder dropout(double rate) {
        checkNotBuilt("dropout");
        dropout = Seq2SeqDecoder.rate(describe(), rate);
        cell.masks(rate > 0);
        return this;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
        if (in.last() != hiddenDim()) {
            throw new ShapeException(describe(), "input of hidden_dim = " + hiddenDim() + " features (batch, timesteps, "
                    + hiddenDim() + "): each step is added to the previous output", in);
        }
    }

    @Override
    protected void doBuild(List<Shape> inputShapes) {
        List<Shape> shapes = new ArrayList<>(inputShapes);
        shapes.set(0, inputShapes.get(0).withLast(cell.inputWidth()));
        super.doBuild(shapes);
    }

    /** {@code [output]}, or {@code [output, h, c]} ({@code [output, h]} for GRU) with return_state. */
    @Override
    public List<Shape> computeOutputShapes(Shape in) {
        List<Shape> all = super.computeOutputShapes(in);
        return returnState() ? all.subList(0, all.size() - 1) : all;
    }

    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new ShapeException(describe(), "one input (batch, timesteps, features); it starts from zero states",
                    inputShapes.get(0), (inputShapes.size() - 1) + " extra input(s) were given");
        }
        return computeOutputShapes(inputShapes.get(0));
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        computeOutputShapes(Arrays.stream(inputs).map(Tensor::shape).toList());
        Tensor x = inputs[0];
        if (cell.masks()) {
            Shape s = x.shape();
            int n = s.dim(0) * s.dim(1);
            float[] m = Seq2SeqDecoder.masks(ctx, ctx.random() != null ? ctx.random() : random(), n,
                    hiddenDim() * depth(), dropout);
            x = Ops.concat(-1, x, Tensor.of(m, s.dim(0), s.dim(1), hiddenDim() * depth()));
        }
        Tensor[] out = super.doCall(new Tensor[] {x}, ctx);
        return returnState() ? Arrays.copyOf(out, out.length - 1) : out;
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("hidden_dim", hiddenDim()).put("depth", depth())
                .put("cell", cellType().kerasName()).put("dropout", dropout);
    }

    /** The layer from its config (hidden_dim, depth, cell, dropout and the RNN arguments). */
    public static Seq2SeqEncoder fromConfig(LayerConfig c) {
        String cls = "Seq2SeqEncoder";
        checkKeys(cls, c, OWN_KEYS);
        Seq2SeqEncoder e = new Seq2SeqEncoder(c.requireInt(cls, "hidden_dim"), c.requireInt(cls, "depth"),
                CellType.fromKerasName(c.getString("cell", "LSTM"))).dropout(c.getDouble(cls, "dropout", 0));
        return applyRnnConfig(e, c);
    }
}
