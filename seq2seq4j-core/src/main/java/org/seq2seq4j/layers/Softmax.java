package org.seq2seq4j.layers;

import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Softmax along {@code axis} (default -1). Attention over timesteps of {@code (batch, 30, 1)}
 * energies needs {@code new Softmax(1)}: a last-axis softmax of a size-1 axis is always 1.
 *
 * <pre>{@code
 * Tensor alphas = new Softmax(1).apply(Tensor.random(Shape.of(2, 30, 1), 3));
 * // for each sample the 30 values sum to 1
 * }</pre>
 */
public final class Softmax extends FluentLayer<Softmax> {
    private final int axis;

    public Softmax() {
        this(-1);
    }

    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {Ops.softmax(inputs[0], axis)};
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("axis", axis);
    }

    /** The layer a Keras config describes. */
    public static Softmax fromConfig(LayerConfig c) {
        return applyBase(new Softmax(c.getInt("Softmax", "axis", -1)), c);
    }
}
