package org.seq2seq4j;

/**
 * Training cannot go on: the loss became NaN or infinite, or the data handed to {@code fit}
 * does not fit together (for example x and y with different numbers of samples).
 *
 * <pre>{@code
 * // thrown by fit when the loss of epoch 3, batch 17 is NaN:
 * // fit: loss must be finite but was NaN at epoch 3, batch 17; lower the learning rate or set clipnorm
 * }</pre>
 */
public final class TrainingException extends Seq2SeqException {
    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }
}
