package org.seq2seq4j;

import org.seq2seq4j.tensor.Shape;

/**
 * A tensor reached a layer, op, loss or model with a shape it cannot take. Message form:
 * {@code <subject> expects <expected> but got shape <received>[; <hint>]}.
 *
 * <pre>{@code
 * ShapeException e = new ShapeException("LSTM 'encoder'", "input of rank 3 (batch, timesteps, features)",
 *         Shape.of(32, 16), "add a time axis");
 * // e.getMessage() -> LSTM 'encoder' expects input of rank 3 (batch, timesteps, features) but got shape (32, 16); add a time axis
 * }</pre>
 */
public final class ShapeException extends Seq2SeqException {
    private static final long serialVersionUID = 1L;
    private final String subject;
    private final String expected;
    private final transient Shape received;

    public ShapeException(String subject, String expected, Shape received, String hint) {
        super(subject + " expects " + expected + " but got shape " + received + (hint == null ? "" : "; " + hint));
        this.subject = subject;
        this.expected = expected;
        this.received = received;
    }

    public ShapeException(String subject, String expected, Shape received) {
        this(subject, expected, received, null);
    }

    /** The layer, op or argument that rejected the shape. */
    public String subject() {
        return subject;
    }

    /** What the subject accepts, in words. */
    public String expected() {
        return expected;
    }

    /** The shape that was given. */
    public Shape received() {
        return received;
    }
}
