package org.seq2seq4j.layers;

import java.util.Objects;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Applies a layer to every timestep independently: {@code (batch, timesteps, ...)} is seen by the
 * inner layer as {@code (batch * timesteps, ...)} and the result is reshaped back. The weights
 * are the inner layer's, named under this wrapper ({@code time_distributed/dense/kernel}).
 *
 * <pre>{@code
 * TimeDistributed td = new TimeDistributed(new Dense(3));
 * Tensor y = td.apply(Tensor.random(Shape.of(2, 4, 5), 1));
 * // y.shape() -> (2, 4, 3); td.countParams() -> 18
 * }</pre>
 */
public final class TimeDistributed extends FluentLayer<TimeDistributed> {
    private final Layer layer;

    public TimeDistributed(Layer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    @Override
    protected void checkInput(Shape in) {
        requireMinRank(in, 3, "(batch, timesteps, ...)");
    }

    @Override
    protected void doBuild(Shape in) {
        nestUnder(layer, this);
        layer.build(inner(in));
        adoptWeights(layer);
    }

    private static Shape inner(Shape in) {
        return in.drop(2).prepend(in.dim(0) == Shape.UNKNOWN || in.dim(1) == Shape.UNKNOWN
                ? Shape.UNKNOWN : in.dim(0) * in.dim(1));
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        Shape out = layer.computeOutputShape(inner(in));
        return out.drop(1).prepend(in.dim(1)).prepend(in.dim(0));
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Shape in = inputs[0].shape();
        Tensor flat = Ops.reshape(inputs[0], inner(in));
        Tensor y = layer.call(ctx.withMask(null), flat)[0];
        return new Tensor[] {Ops.reshape(y, y.shape().drop(1).prepend(in.dim(1)).prepend(in.dim(0)))};
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("layer", Layers.serialize(layer));
    }

    /** The layer a Keras config describes (the inner layer comes from its own nested config). */
    public static TimeDistributed fromConfig(LayerConfig c) {
        LayerConfig inner = c.getConfig("layer");
        if (inner == null) {
            throw new org.seq2seq4j.ConfigException("TimeDistributed", "layer", "a nested layer config", "missing");
        }
        return applyBase(new TimeDistributed(Layers.deserialize(inner)), c);
    }
}
