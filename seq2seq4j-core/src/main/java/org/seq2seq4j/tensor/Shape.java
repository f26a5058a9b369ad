package org.seq2seq4j.tensor;

import java.util.Arrays;
import org.seq2seq4j.ConfigException;

/**
 * The dimensions of a tensor, batch first as in Keras: {@code (batch, timesteps, features)}.
 * A dimension of {@link #UNKNOWN} stands for Keras's {@code None} (a batch or time axis whose
 * size is known only when data arrives). Immutable.
 *
 * <pre>{@code
 * Shape s = Shape.of(32, 10, 8);
 * // s.rank() -> 3; s.last() -> 8; s.size() -> 2560; s.withLast(4) -> (32, 10, 4)
 * // Shape.of(Shape.UNKNOWN, 10).toString() -> (None, 10)
 * }</pre>
 */
public final class Shape {
    /** An axis whose size is not known yet (Keras's {@code None}). */
    public static final int UNKNOWN = -1;

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape with the given dimensions; each is positive, zero or {@link #UNKNOWN}. */
    public static Shape of(int... dims) {
        for (int d : dims) {
            if (d < UNKNOWN) {
                throw ConfigException.argument("Shape", "every dimension", ">= 0 or UNKNOWN", Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** The scalar shape {@code ()}. */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** Size of axis {@code i}; negative {@code i} counts from the end as in Python. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    public int last() {
        return dims[dims.length - 1];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements; {@link #UNKNOWN} if any axis is unknown. */
    public int size() {
        long n = 1;
        for (int d : dims) {
            if (d == UNKNOWN) {
                return UNKNOWN;
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw ConfigException.argument("Shape", "element count", "at most 2^31-1", n + " for " + this);
        }
        return (int) n;
    }

    /** True when every axis has a size. */
    public boolean isKnown() {
        for (int d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** This shape with the last axis replaced. */
    public Shape withLast(int d) {
        return with(dims.length - 1, d);
    }

    /** This shape with axis {@code i} replaced. */
    public Shape with(int i, int d) {
        int[] c = dims.clone();
        c[i < 0 ? dims.length + i : i] = d;
        return new Shape(c);
    }

    /** This shape with the first axis (batch) replaced. */
    public Shape withBatch(int batch) {
        return with(0, batch);
    }

    /** The axes from {@code from} (inclusive) to the end. */
    public Shape drop(int from) {
        return new Shape(Arrays.copyOfRange(dims, from, dims.length));
    }

    /** The axes before {@code to} (exclusive). */
    public Shape take(int to) {
        return new Shape(Arrays.copyOfRange(dims, 0, to));
    }

    /** A new shape with {@code d} prepended. */
    public Shape prepend(int d) {
        int[] c = new int[dims.length + 1];
        c[0] = d;
        System.arraycopy(dims, 0, c, 1, dims.length);
        return new Shape(c);
    }

    /** A new shape with {@code d} appended. */
    public Shape append(int d) {
        int[] c = Arrays.copyOf(dims, dims.length + 1);
        c[dims.length] = d;
        return new Shape(c);
    }

    /** True when the shapes agree on every axis, treating {@link #UNKNOWN} as matching anything. */
    public boolean compatible(Shape other) {
        if (other.dims.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != UNKNOWN && other.dims[i] != UNKNOWN && dims[i] != other.dims[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Keras style: {@code (None, 10, 8)}; a rank-1 shape prints as {@code (5,)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i] == UNKNOWN ? "None" : Integer.toString(dims[i]));
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
