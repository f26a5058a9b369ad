package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Repeats a vector {@code n} times: {@code (batch, features) -> (batch, n, features)}. Joins an
 * encoder's last output to a decoder that reads one copy per output timestep. No weights.
 *
 * <pre>{@code
 * Tensor y = new RepeatVector(3).apply(Tensor.zeros(Shape.of(2, 5)));
 * // y.shape() -> (2, 3, 5)
 * }</pre>
 */
public final class RepeatVector extends FluentLayer<RepeatVector> {
    private final int n;

    public RepeatVector(int n) {
        if (n <= 0) {
            throw ConfigException.argument("RepeatVector", "n", "a positive integer", n);
        }
        this.n = n;
    }

    public int n() {
        return n;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 2, "(batch, features)");
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return Shape.of(in.dim(0), n, in.dim(1));
    }

    /** The output has no time axis to mask. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {Ops.repeat(inputs[0], n)};
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("n", n);
    }

    /** The layer a Keras config describes. */
    public static RepeatVector fromConfig(LayerConfig c) {
        return applyBase(new RepeatVector(c.requireInt("RepeatVector", "n")), c);
    }
}
