package org.seq2seq4j;

/**
 * Root of every exception seq2seq4j throws for a user error: a bad shape, configuration,
 * file or argument. All are unchecked; the message says what was given, what was expected
 * and where.
 *
 * <pre>{@code
 * try {
 *     new Dense(4).apply(Tensor.zeros(Shape.of(3)));
 * } catch (Seq2SeqException e) {
 *     System.err.println(e.getMessage()); // Dense 'dense' expects input of rank >= 2 ...
 * }
 * }</pre>
 */
public class Seq2SeqException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Seq2SeqException(String message) {
        super(message);
    }

    public Seq2SeqException(String message, Throwable cause) {
        super(message, cause);
    }
}
