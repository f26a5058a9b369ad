package org.seq2seq4j.seq2seq;

import java.util.List;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.recurrent.Cells;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Runs an attention decoder cell ({@link AttentionDecoderCell} or {@link AttentionGRUDecoderCell})
 * for {@code outputLength} steps over an encoded sequence, as recurrentshop's
 * {@code RecurrentSequential(decode=True, output_length)} runs the original's
 * AttentionDecoderCell: the sequence is the cell's constant at every step and the cell reads no
 * other input; the states start at zero. The input's mask (e.g. from an {@code Embedding} with
 * mask_zero through the encoder) becomes the cell's attention mask: masked encoder steps get no
 * weight. Input {@code (batch, timesteps, features)}; output {@code (batch, outputLength,
 * outputDim)}, unmasked. Weights are the cell's, named {@code <layer>/<cell>/kernel} and so on.
 * Config: the RNN arguments, {@code output_length} and {@code cell: {class_name, config}}.
 *
 * <pre>{@code
 * AttentionDecoderRNN dec = new AttentionDecoderRNN(new AttentionDecoderCell(20, 10), 8);
 * Tensor y = dec.apply(Tensor.random(Shape.of(2, 7, 10), 1));       // (2, 8, 20)
 * }</pre>
 */
public final class AttentionDecoderRNN extends RecurrentLayer<AttentionDecoderRNN> {
    private final AttentionCell<?> cell;
    private final int outputLength;

    /** Runs {@code cell} (an attention decoder cell) for {@code outputLength} (positive) steps. */
    public AttentionDecoderRNN(RecurrentCell cell, int outputLength) {
        super(List.of(attentionCell(cell)));
        this.cell = (AttentionCell<?>) cell;
        this.outputLength = ReadoutCell.positive("AttentionDecoderRNN", "output_length", outputLength);
        super.returnSequences(true);
    }

    private static RecurrentCell attentionCell(RecurrentCell cell) {
        if (!(cell instanceof AttentionCell<?>)) {
            throw ConfigException.argument("AttentionDecoderRNN", "cell", "an AttentionDecoderCell or "
                    + "AttentionGRUDecoderCell", cell == null ? null : cell.describe());
        }
        return cell;
    }

    public int outputLength() {
        return outputLength;
    }

    /** The cell. */
    public RecurrentCell cell() {
        return cell;
    }

    /** The decoder returns every step; {@code false} is refused. */
    @Override
    public AttentionDecoderRNN returnSequences(boolean b) {
        if (!b) {
            throw ConfigException.argument(describe(), "return_sequences", "true (the decoder returns every step)", false);
        }
        return this;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features): the encoded sequence");
    }

    @Override
    protected void doBuild(List<Shape> inputShapes) {
        Shape h = inputShapes.get(0);
        super.doBuild(List.of(Shape.of(h.dim(0), outputLength, 0), h, h.take(2)));
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        checkInput(in);
        return Shape.of(in.dim(0), outputLength, cell.outputDim());
    }

    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new ShapeException(describe(), "one input, the encoded sequence (batch, timesteps, features); the "
                    + "states start at zero", inputShapes.get(0), (inputShapes.size() - 1) + " extra input(s) were given");
        }
        return computeOutputShapes(inputShapes.get(0));
    }

    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        computeOutputShapes(java.util.Arrays.stream(inputs).map(Tensor::shape).toList());
        Tensor h = inputs[0];
        int batch = h.shape().dim(0);
        Tensor none = Tensor.zeros(batch, outputLength, 0);
        return super.doCall(new Tensor[] {none, h, attentionMask(h, ctx.mask())}, ctx.withMask(null));
    }

    /** The mask {@code (batch, timesteps)} of 1/0 over the encoded steps: the given one, or ones. */
    static Tensor attentionMask(Tensor encoded, Tensor mask) {
        Shape s = encoded.shape().take(2);
        if (mask == null) {
            float[] ones = new float[s.size()];
            java.util.Arrays.fill(ones, 1f);
            return Tensor.of(ones, s);
        }
        if (!mask.shape().equals(s)) {
            throw new ShapeException("AttentionDecoderRNN mask", "shape (batch, timesteps) = " + s, mask.shape());
        }
        return mask;
    }

    /** A stepper for the rows of {@code encoded}, with its attention mask; the states start at zero. */
    RecurrentStepper stepper(Tensor encoded, Tensor mask) {
        RecurrentStepper st = stepper(encoded.shape().dim(0));
        st.setConstants(encoded, attentionMask(encoded, mask));
        return st;
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("output_length", outputLength)
                .put("cell", new LayerConfig().put("class_name", cell.className()).put("config", cell.getConfig()));
    }

    /** The layer from its config: {@code cell} and {@code output_length} required. */
    public static AttentionDecoderRNN fromConfig(LayerConfig c) {
        String cls = "AttentionDecoderRNN";
        checkKeys(cls, c, Set.of("cell", "output_length"));
        AttentionDecoderRNN d = new AttentionDecoderRNN(Cells.fromConfig(c.get("cell")), c.requireInt(cls,
                "output_length"));
        return applyRnnConfig(d, Seq2SeqDecoder.sequences(c));
    }
}
