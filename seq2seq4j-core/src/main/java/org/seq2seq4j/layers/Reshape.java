package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Gives each sample a new shape with the same number of values: {@code targetShape} excludes the
 * batch axis, and one entry may be -1 (worked out from the others), as in Keras.
 *
 * <pre>{@code
 * Tensor y = new Reshape(4, -1).apply(Tensor.zeros(Shape.of(2, 12)));
 * // y.shape() -> (2, 4, 3)
 * }</pre>
 */
public final class Reshape extends FluentLayer<Reshape> {
    private final int[] target;

    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw ConfigException.argument("Reshape", "target_shape", "positive sizes and at most one -1",
                        java.util.Arrays.toString(targetShape));
            }
        }
        if (unknown > 1) {
            throw ConfigException.argument("Reshape", "target_shape", "at most one -1", java.util.Arrays.toString(targetShape));
        }
        this.target = targetShape.clone();
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        int per = in.drop(1).isKnown() ? in.drop(1).size() : Shape.UNKNOWN;
        int known = 1;
        int missing = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                missing = i;
            } else {
                known *= target[i];
            }
        }
        int[] out = target.clone();
        if (missing >= 0) {
            out[missing] = per == Shape.UNKNOWN ? Shape.UNKNOWN : per / known;
        }
        if (per != Shape.UNKNOWN && (per % known != 0 || (missing < 0 && per != known))) {
            throw new ShapeException(describe() + " to " + java.util.Arrays.toString(target),
                    "samples whose size fits the target shape", in);
        }
        return Shape.of(out).prepend(in.dim(0));
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Shape out = computeOutputShape(inputs[0].shape());
        return new Tensor[] {Ops.reshape(inputs[0], out.withBatch(inputs[0].shape().dim(0)))};
    }

    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return null;
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("target_shape", target);
    }

    /** The layer a Keras config describes. */
    public static Reshape fromConfig(LayerConfig c) {
        return applyBase(new Reshape(c.requireInts("Reshape", "target_shape")), c);
    }
}
