package org.seq2seq4j.seq2seq;

import org.seq2seq4j.layers.LayerConfig;

/**
 * {@link LSTMDecoderCell} with Keras's GRU step in place of the LSTM one (reset_after, gates z, r,
 * h): {@code h' = z ⊙ h + (1 − z) ⊙ tanh(a_h + r ⊙ (h·U_h + b_h))}, then the readout
 * {@code y = tanh(h'·W_o + b_o)} ({@link #outputActivation} softmax makes it a distribution).
 * State {@code [h]} {@code (batch, hiddenDim)}; output {@code (batch, outputDim)}. Weights:
 * {@code kernel (in, 3h)}, {@code recurrent_kernel (h, 3h)}, {@code bias (2, 3h)} (input and
 * recurrent rows), {@code output_kernel (h, outputDim)}, {@code output_bias (outputDim)}:
 * {@code 3h·(in + h + 2) + outputDim·(h + 1)} parameters. The seq2seq families use it with
 * {@code cell(CellType.GRU)}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(new GRUDecoderCell(20, 10)).returnSequences(true);
 * Tensor y = rnn.apply(Tensor.random(Shape.of(2, 8, 20), 1));      // (2, 8, 20)
 * // rnn.countParams() -> 3·10·(20 + 10 + 2) + 20·(10 + 1) = 1,180
 * }</pre>
 */
public final class GRUDecoderCell extends ReadoutCell<GRUDecoderCell> {
    /** A cell of {@code hiddenDim} units whose readout gives {@code outputDim} values (both positive). */
    public GRUDecoderCell(int outputDim, int hiddenDim) {
        super(CellType.GRU, outputDim, hiddenDim);
    }

    /** The cell from its config ({@code output_dim}, {@code hidden_dim}, optional {@code output_activation}). */
    public static GRUDecoderCell fromConfig(LayerConfig c) {
        String cls = "GRUDecoderCell";
        return configured(new GRUDecoderCell(c.requireInt(cls, "output_dim"), c.requireInt(cls, "hidden_dim")), c);
    }
}
