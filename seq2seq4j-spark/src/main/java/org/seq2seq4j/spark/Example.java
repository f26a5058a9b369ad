package org.seq2seq4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * One training sample as a row of a Spark RDD: one tensor per model input and one per output,
 * each without the batch axis (an encoder input {@code (timesteps, features)}, a target
 * {@code (timesteps, classes)}). Examples of one batch must have the same shapes; a batch is
 * stacked on the axis Keras's {@code fit} batches on.
 *
 * <pre>{@code
 * List<Example> rows = Example.rows(List.of(encoderIn, decoderIn), List.of(decoderTarget));   // split on axis 0
 * JavaRDD<Example> data = sc.parallelize(rows, 2);
 * // rows.get(0).inputShape(0) -> (timesteps, features)
 * }</pre>
 */
public final class Example implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[][] x;
    private final int[][] xShapes;
    private final float[][] y;
    private final int[][] yShapes;

    private Example(float[][] x, int[][] xShapes, float[][] y, int[][] yShapes) {
        this.x = x;
        this.xShapes = xShapes;
        this.y = y;
        this.yShapes = yShapes;
    }

    /** An example from its rows: {@code x} one tensor per model input, {@code y} one per output, no batch axis. */
    public static Example of(List<Tensor> x, List<Tensor> y) {
        if (x == null || x.isEmpty() || y == null || y.isEmpty()) {
            throw new ShapeException("Example", "at least one input and one target row",
                    Shape.of(x == null ? 0 : x.size(), y == null ? 0 : y.size()));
        }
        return new Example(values(x), shapes(x), values(y), shapes(y));
    }

    /** The examples of batch tensors (batch first): row {@code i} of every input and target. */
    public static List<Example> rows(List<Tensor> x, List<Tensor> y) {
        int n = x.get(0).shape().dim(0);
        for (Tensor t : concat(x, y)) {
            if (t.rank() == 0 || t.shape().dim(0) != n) {
                throw new ShapeException("Example.rows", "tensors with " + n + " samples on axis 0 as x[0] "
                        + x.get(0).shape(), t.shape());
            }
        }
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(of(row(x, i), row(y, i)));
        }
        return out;
    }

    /** The number of model inputs this example has a row for. */
    public int inputCount() {
        return x.length;
    }

    /** The number of model outputs this example has a target for. */
    public int outputCount() {
        return y.length;
    }

    /** The shape of input {@code i}'s row (no batch axis). */
    public Shape inputShape(int i) {
        return Shape.of(xShapes[i]);
    }

    /** The shape of target {@code k}'s row (no batch axis). */
    public Shape targetShape(int k) {
        return Shape.of(yShapes[k]);
    }

    /** Builds a model that was never called for this example's input shapes (a batch of one). */
    void build(org.seq2seq4j.models.Model model) {
        List<Shape> shapes = new ArrayList<>(x.length);
        for (int[] row : xShapes) {
            int[] dims = new int[row.length + 1];
            dims[0] = 1;
            System.arraycopy(row, 0, dims, 1, row.length);
            shapes.add(Shape.of(dims));
        }
        model.build(shapes);
    }

    /**
     * Stacks {@code batch} into batch tensors, {@code [inputs..., targets...]}; an example whose
     * counts or shapes differ from the first is a {@link ShapeException} naming it by
     * {@code where.apply(index in batch)}.
     */
    static Tensor[] stack(List<Example> batch, IntFunction<String> where) {
        Example first = batch.get(0);
        int inputs = first.x.length;
        int outputs = first.y.length;
        Tensor[] out = new Tensor[inputs + outputs];
        for (int i = 0; i < out.length; i++) {
            int[] row = i < inputs ? first.xShapes[i] : first.yShapes[i - inputs];
            int size = Shape.of(row).size();
            int[] dims = new int[row.length + 1];
            dims[0] = batch.size();
            System.arraycopy(row, 0, dims, 1, row.length);
            float[] data = new float[size * batch.size()];
            for (int b = 0; b < batch.size(); b++) {
                Example e = batch.get(b);
                if (e.x.length != inputs || e.y.length != outputs) {
                    throw new ShapeException(where.apply(b), inputs + " input and "
                            + outputs + " target rows as the batch's first example", Shape.of(e.x.length, e.y.length));
                }
                int[] shape = i < inputs ? e.xShapes[i] : e.yShapes[i - inputs];
                if (!Arrays.equals(shape, row)) {
                    throw new ShapeException(where.apply(b) + (i < inputs ? " input " + i : " target " + (i - inputs)),
                            "the row shape " + Shape.of(row) + " of the batch's first example", Shape.of(shape));
                }
                System.arraycopy(i < inputs ? e.x[i] : e.y[i - inputs], 0, data, b * size, size);
            }
            out[i] = Tensor.of(data, Shape.of(dims));
        }
        return out;
    }

    private static List<Tensor> concat(List<Tensor> a, List<Tensor> b) {
        List<Tensor> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Tensor> row(List<Tensor> ts, int i) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            Tensor r = t.slice(i, i + 1);
            out.add(r.reshape(Shape.of(Arrays.copyOfRange(t.shape().dims(), 1, t.rank()))));
        }
        return out;
    }

    private static float[][] values(List<Tensor> ts) {
        float[][] out = new float[ts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ts.get(i).data().clone();
        }
        return out;
    }

    private static int[][] shapes(List<Tensor> ts) {
        int[][] out = new int[ts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ts.get(i).shape().dims();
        }
        return out;
    }
}
