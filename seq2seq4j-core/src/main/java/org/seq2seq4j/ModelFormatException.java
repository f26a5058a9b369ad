package org.seq2seq4j;

/**
 * A model, weight or data file cannot be read: it is missing, truncated, of another format, or
 * holds values that do not fit its own description. The message names the file, the location
 * inside it (HDF5 path, byte offset or JSON pointer) and the problem.
 *
 * <pre>{@code
 * throw new ModelFormatException("model.s2s", "byte 0", "bad magic number 0x504b0304; is this a .keras zip?");
 * }</pre>
 */
public final class ModelFormatException extends Seq2SeqException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String location;

    public ModelFormatException(String file, String location, String problem) {
        super(file + " (" + location + "): " + problem);
        this.file = file;
        this.location = location;
    }

    public ModelFormatException(String file, String location, String problem, Throwable cause) {
        super(file + " (" + location + "): " + problem, cause);
        this.file = file;
        this.location = location;
    }

    public String file() {
        return file;
    }

    public String location() {
        return location;
    }
}
