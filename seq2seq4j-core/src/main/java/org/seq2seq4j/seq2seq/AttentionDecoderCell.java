package org.seq2seq4j.seq2seq;

import org.seq2seq4j.layers.LayerConfig;

/**
 * The original library's {@code AttentionDecoderCell(output_dim, hidden_dim)} with Keras's LSTM
 * step: each step attends over the encoded sequence {@code H (batch, T, D)} (constant 0, with its
 * mask {@code (batch, T)} as constant 1), feeds the context {@code x = Σ_j α_j H_j} to the LSTM
 * and reads out {@code y = tanh(h'·W_o + b_o)}:
 * <pre>
 *   e_j = [H_j ; c]·W_a + b_a     α = softmax_j(e)     x = Σ_j α_j H_j
 *   z = x·W + b + h·U + b_rec     (i, f, c, o)  c' = f ⊙ c + i ⊙ g   h' = o ⊙ tanh(c')
 *   y = tanh(h'·W_o + b_o)        (softmax with output_activation "softmax")
 * </pre>
 * The energy is the original's: a Dense(1) on the concatenation of {@code H_j} and the previous
 * cell state, without tanh. The {@code c·W_a} part is the same for every j and cancels in the
 * softmax, so {@code α} depends on {@code H} only and is the same at every step; it is computed as
 * written to keep the original's parameters. It reads no input of its own; {@link AttentionDecoderRNN}
 * runs it for output_length steps. States {@code [h, c]} {@code (batch, hiddenDim)}; output
 * {@code (batch, outputDim)}. Weights: {@code kernel (D, 4h)}, {@code recurrent_kernel (h, 4h)},
 * {@code bias (4h)}, {@code recurrent_bias (4h)} (the original's W1 and U, each with a bias),
 * {@code output_kernel (h, outputDim)}, {@code output_bias (outputDim)} (W2),
 * {@code attention_kernel (D + h, 1)}, {@code attention_bias (1)} (W3):
 * {@code 4h·(D + h + 2) + outputDim·(h + 1) + D + h + 1} parameters. Differences from the original
 * (recurrentshop): sigmoid gates (not hard_sigmoid), an orthogonal recurrent kernel, and masked
 * encoder steps get no weight.
 *
 * <pre>{@code
 * AttentionDecoderRNN dec = new AttentionDecoderRNN(new AttentionDecoderCell(20, 10), 8);
 * Tensor y = dec.apply(Tensor.random(Shape.of(2, 7, 10), 1));       // (2, 8, 20)
 * // dec.countParams() -> 4·10·(10 + 10 + 2) + 20·11 + 10 + 10 + 1 = 1,121
 * }</pre>
 */
public final class AttentionDecoderCell extends AttentionCell<AttentionDecoderCell> {
    /** A cell of {@code hiddenDim} units whose readout gives {@code outputDim} values (both positive). */
    public AttentionDecoderCell(int outputDim, int hiddenDim) {
        super(CellType.LSTM, outputDim, hiddenDim);
    }

    /** The cell from its config ({@code output_dim}, {@code hidden_dim}, optional {@code output_activation}). */
    public static AttentionDecoderCell fromConfig(LayerConfig c) {
        String cls = "AttentionDecoderCell";
        return configured(new AttentionDecoderCell(c.requireInt(cls, "output_dim"), c.requireInt(cls, "hidden_dim")),
                c);
    }
}
