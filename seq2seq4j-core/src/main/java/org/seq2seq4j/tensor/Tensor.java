package org.seq2seq4j.tensor;

import java.util.SplittableRandom;
import org.seq2seq4j.ShapeException;

/**
 * A float32 tensor: a contiguous row-major {@code float[]} and its {@link Shape}, batch first.
 * The array is shared, not copied: {@link #data()} hands out the live storage so kernels can
 * work on it without copies. Integer inputs (token ids, masks) are held as floats, as Keras
 * feeds them to layers.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * // x.shape() -> (2, 3); x.get(1, 2) -> 6.0
 * Tensor r = Tensor.random(Shape.of(32, 10, 8), 42); // uniform in [-1, 1), reproducible
 * }</pre>
 */
public final class Tensor {
    private final float[] data;
    private final Shape shape;

    private Tensor(float[] data, Shape shape) {
        this.data = data;
        this.shape = shape;
    }

    /** Wraps {@code data} (not copied) as a tensor of the given dimensions. */
    public static Tensor of(float[] data, int... dims) {
        return of(data, Shape.of(dims));
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] data, Shape shape) {
        if (!shape.isKnown() || shape.size() != data.length) {
            throw new ShapeException("Tensor", "a known shape with " + data.length + " elements", shape);
        }
        return new Tensor(data, shape);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        if (!shape.isKnown()) {
            throw new ShapeException("Tensor.zeros", "a shape with every axis known", shape);
        }
        return new Tensor(new float[shape.size()], shape);
    }

    /** A tensor of zeros with the given dimensions. */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    /** A scalar tensor (shape {@code ()}). */
    public static Tensor scalar(float v) {
        return new Tensor(new float[] {v}, Shape.scalar());
    }

    /** Uniform values in [-1, 1) from a seeded generator: the same seed gives the same tensor. */
    public static Tensor random(Shape shape, long seed) {
        Tensor t = zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return t;
    }

    public Shape shape() {
        return shape;
    }

    /** The live storage, row-major. Writing to it changes the tensor. */
    public float[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    public int rank() {
        return shape.rank();
    }

    /** The element at the given index, one coordinate per axis. */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** Sets the element at the given index. */
    public void set(float v, int... index) {
        data[offset(index)] = v;
    }

    /** The value of a tensor of one element. */
    public float item() {
        if (data.length != 1) {
            throw new ShapeException("Tensor.item", "a tensor with exactly one element", shape);
        }
        return data[0];
    }

    /** The same storage seen with another shape of the same size (no copy). */
    public Tensor reshape(Shape newShape) {
        if (!newShape.isKnown() || newShape.size() != data.length) {
            throw new ShapeException("Tensor.reshape to " + newShape, "a tensor of " + Math.max(0, newShape.size()) + " elements", shape);
        }
        return new Tensor(data, newShape);
    }

    /** The same storage seen with the given dimensions (no copy). */
    public Tensor reshape(int... dims) {
        return reshape(Shape.of(dims));
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** Rows {@code [from, to)} of the first axis, copied. */
    public Tensor slice(int from, int to) {
        int row = shape.size() / Math.max(1, shape.dim(0));
        float[] d = new float[(to - from) * row];
        System.arraycopy(data, from * row, d, 0, d.length);
        return new Tensor(d, shape.withBatch(to - from));
    }

    /** Rows of the first axis picked by index, copied (for shuffled mini-batches). */
    public Tensor gather(int[] rows, int from, int to) {
        int row = shape.size() / Math.max(1, shape.dim(0));
        float[] d = new float[(to - from) * row];
        for (int i = from; i < to; i++) {
            System.arraycopy(data, rows[i] * row, d, (i - from) * row, row);
        }
        return new Tensor(d, shape.withBatch(to - from));
    }

    private int offset(int[] index) {
        if (index.length != shape.rank()) {
            throw new ShapeException("Tensor.get", "an index with " + shape.rank() + " coordinates", Shape.of(index));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            off = off * shape.dim(i) + index[i];
        }
        return off;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(" [");
        int n = Math.min(data.length, 8);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
