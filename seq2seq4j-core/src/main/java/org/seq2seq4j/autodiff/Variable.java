package org.seq2seq4j.autodiff;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A named, mutable weight such as a Dense {@code kernel}. Its value keeps its identity for the
 * life of the variable: optimizers and {@link #assign} write into the same array, so a recorded
 * gradient stays attached to it. Reading a trainable variable while a {@link Tape} records
 * makes the tape watch it.
 *
 * <pre>{@code
 * Variable w = new Variable("dense/kernel", Tensor.zeros(Shape.of(3, 2)), true);
 * w.assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
 * // w.value().get(2, 1) -> 6.0
 * }</pre>
 */
public final class Variable {
    private final String path;
    private final Tensor value;
    private boolean trainable;

    public Variable(String path, Tensor value, boolean trainable) {
        this.path = path;
        this.value = value;
        this.trainable = trainable;
    }

    /** Keras path, e.g. {@code "lstm/lstm_cell/kernel"}. */
    public String path() {
        return path;
    }

    /** Short Keras name, e.g. {@code "kernel"}. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public Shape shape() {
        return value.shape();
    }

    /** The live value (not watched by a tape; use {@link #read()} inside a forward pass). */
    public Tensor value() {
        return value;
    }

    /** The value, watched by the active tape when this variable is trainable. */
    public Tensor read() {
        if (trainable) {
            Tape.watchIfRecording(value);
        }
        return value;
    }

    public boolean trainable() {
        return trainable;
    }

    public void trainable(boolean t) {
        this.trainable = t;
    }

    /** Copies {@code v} into this variable; the shapes must match. */
    public void assign(Tensor v) {
        if (!v.shape().equals(value.shape())) {
            throw new ShapeException("Variable '" + path + "'", "a value of shape " + value.shape(), v.shape());
        }
        System.arraycopy(v.data(), 0, value.data(), 0, value.size());
    }

    @Override
    public String toString() {
        return "Variable '" + path + "' " + value.shape();
    }
}
