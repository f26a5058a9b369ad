package org.seq2seq4j;

/**
 * A layer, optimizer, loss or model was given an argument it cannot take: an unknown name,
 * a value out of range, or a combination that does not fit together. Message form:
 * {@code <subject>: <argument> must be <expected> but was <received>}.
 *
 * <pre>{@code
 * ConfigException e = ConfigException.argument("Dense", "units", "a positive integer", -3);
 * // e.getMessage() -> Dense: units must be a positive integer but was -3
 * }</pre>
 */
public final class ConfigException extends Seq2SeqException {
    private static final long serialVersionUID = 1L;
    private final String subject;
    private final String argument;
    private final String expected;
    private final String received;

    public ConfigException(String subject, String argument, String expected, Object received) {
        super(subject + ": " + argument + " must be " + expected + " but was " + received);
        this.subject = subject;
        this.argument = argument;
        this.expected = expected;
        this.received = String.valueOf(received);
    }

    /** Same as the constructor; reads better at call sites that throw. */
    public static ConfigException argument(String subject, String argument, String expected, Object received) {
        return new ConfigException(subject, argument, expected, received);
    }

    public String subject() {
        return subject;
    }

    public String argument() {
        return argument;
    }

    public String expected() {
        return expected;
    }

    public String received() {
        return received;
    }
}
