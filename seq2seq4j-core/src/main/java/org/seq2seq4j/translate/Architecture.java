package org.seq2seq4j.translate;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * The encoder-decoder families a {@link TranslationTrainer} builds, under their command-line names.
 * {@link #LSTM_SEQ2SEQ} is the Keras lstm_seq2seq example: one-hot tokens, the encoder's final
 * states start the decoder, teacher forcing, no masks, every sequence padded to the longest.
 * {@link #ATTENTION} embeds token ids (Embedding with mask_zero), runs a recurrent encoder
 * returning its sequence and states (optionally bidirectional), a decoder started from those
 * states, attention of each decoder output over the encoder outputs (Keras's AdditiveAttention
 * or Luong's dot-product Attention), and a softmax over their concatenation; the loss ignores
 * target padding. {@link #SIMPLE} and {@link #SEQ2SEQ} are the SimpleSeq2Seq / Seq2Seq families of
 * {@code org.seq2seq4j.seq2seq}, which the trainer does not build yet.
 *
 * <pre>{@code
 * Architecture a = Architecture.of("attention");   // ATTENTION; a.cliName() -> "attention"
 * }</pre>
 */
public enum Architecture {
    LSTM_SEQ2SEQ, SIMPLE, SEQ2SEQ, ATTENTION;

    /** The name on the command line and in model files: {@code lstm_seq2seq}, {@code simple}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The architecture of a name (case-insensitive); an unknown one is a {@link ConfigException}. */
    public static Architecture of(String name) {
        for (Architecture a : values()) {
            if (a.cliName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return a;
            }
        }
        throw ConfigException.argument("Architecture", "arch", "one of lstm_seq2seq, simple, seq2seq, attention", name);
    }
}
