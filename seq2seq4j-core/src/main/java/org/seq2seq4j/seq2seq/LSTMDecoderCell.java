package org.seq2seq4j.seq2seq;

import org.seq2seq4j.layers.LayerConfig;

/**
 * The original library's {@code LSTMDecoderCell(output_dim, hidden_dim)} with Keras's LSTM step:
 * {@code z = x·W + h·U + b} (gates i, f, c, o; sigmoid and tanh), {@code c' = f ⊙ c + i ⊙ g},
 * {@code h' = o ⊙ tanh(c')}, then the readout {@code y = tanh(h'·W_o + b_o)}, the step's output
 * ({@link #outputActivation} softmax makes it a distribution). States {@code [h, c]}
 * {@code (batch, hiddenDim)}; output {@code (batch, outputDim)}. Weights: {@code kernel (in, 4h)}
 * (the original's W1, no bias), {@code recurrent_kernel (h, 4h)} and {@code bias (4h)} (its U),
 * {@code output_kernel (h, outputDim)} and {@code output_bias (outputDim)} (its W2):
 * {@code 4h·(in + h + 1) + outputDim·(h + 1)} parameters, as the original.
 *
 * <p>Differences from the original, which builds on recurrentshop: the gates use sigmoid (its
 * default was hard_sigmoid) and the recurrent kernel starts orthogonal (it used glorot_uniform for
 * every Dense). Run it with {@link org.seq2seq4j.layers.recurrent.RNN}; it loads from configs by
 * its class name.
 *
 * <pre>{@code
 * RNN rnn = new RNN(new LSTMDecoderCell(20, 10)).returnSequences(true);
 * Tensor y = rnn.apply(Tensor.random(Shape.of(2, 8, 20), 1));      // (2, 8, 20), values in (-1, 1)
 * // rnn.countParams() -> 4·10·(20 + 10 + 1) + 20·(10 + 1) = 1,460
 * }</pre>
 */
public final class LSTMDecoderCell extends ReadoutCell<LSTMDecoderCell> {
    /** A cell of {@code hiddenDim} units whose readout gives {@code outputDim} values (both positive). */
    public LSTMDecoderCell(int outputDim, int hiddenDim) {
        super(CellType.LSTM, outputDim, hiddenDim);
    }

    /** The cell from its config ({@code output_dim}, {@code hidden_dim}, optional {@code output_activation}). */
    public static LSTMDecoderCell fromConfig(LayerConfig c) {
        String cls = "LSTMDecoderCell";
        return configured(new LSTMDecoderCell(c.requireInt(cls, "output_dim"), c.requireInt(cls, "hidden_dim")), c);
    }
}
