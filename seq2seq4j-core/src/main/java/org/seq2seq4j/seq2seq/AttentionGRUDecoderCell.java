package org.seq2seq4j.seq2seq;

import org.seq2seq4j.layers.LayerConfig;

/**
 * {@link AttentionDecoderCell} with Keras's GRU step (reset_after) in place of the LSTM one; the
 * energy concatenates {@code H_j} with the previous {@code h}, the GRU's only state:
 * {@code e_j = [H_j ; h]·W_a + b_a}, {@code α = softmax_j(e)}, {@code x = Σ_j α_j H_j}, the GRU
 * step on {@code x}, {@code y = tanh(h'·W_o + b_o)}. State {@code [h]}. Weights:
 * {@code kernel (D, 3h)}, {@code recurrent_kernel (h, 3h)}, {@code bias (2, 3h)},
 * {@code output_kernel}, {@code output_bias}, {@code attention_kernel (D + h, 1)},
 * {@code attention_bias (1)}: {@code 3h·(D + h + 2) + outputDim·(h + 1) + D + h + 1} parameters.
 *
 * <pre>{@code
 * AttentionDecoderRNN dec = new AttentionDecoderRNN(new AttentionGRUDecoderCell(20, 10), 8);
 * Tensor y = dec.apply(Tensor.random(Shape.of(2, 7, 10), 1));       // (2, 8, 20)
 * // dec.countParams() -> 3·10·(10 + 10 + 2) + 20·11 + 10 + 10 + 1 = 901
 * }</pre>
 */
public final class AttentionGRUDecoderCell extends AttentionCell<AttentionGRUDecoderCell> {
    /** A cell of {@code hiddenDim} units whose readout gives {@code outputDim} values (both positive). */
    public AttentionGRUDecoderCell(int outputDim, int hiddenDim) {
        super(CellType.GRU, outputDim, hiddenDim);
    }

    /** The cell from its config ({@code output_dim}, {@code hidden_dim}, optional {@code output_activation}). */
    public static AttentionGRUDecoderCell fromConfig(LayerConfig c) {
        String cls = "AttentionGRUDecoderCell";
        return configured(new AttentionGRUDecoderCell(c.requireInt(cls, "output_dim"),
                c.requireInt(cls, "hidden_dim")), c);
    }
}
