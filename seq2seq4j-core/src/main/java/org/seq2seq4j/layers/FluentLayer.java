package org.seq2seq4j.layers;

import org.seq2seq4j.tensor.Shape;

/**
 * The base of concrete layers: the setters every layer has ({@code name}, {@code inputShape},
 * {@code batchInputShape}, {@code trainable}) return the concrete layer type, so they chain with
 * the layer's own setters in any order.
 *
 * <pre>{@code
 * LSTM encoder = new LSTM(64).name("encoder").returnState(true);
 * Embedding frozen = new Embedding(1000, 32).name("words").trainable(false).maskZero(true);
 * }</pre>
 *
 * @param <L> the concrete layer type
 */
public abstract class FluentLayer<L extends FluentLayer<L>> extends Layer {
    protected FluentLayer() {
    }

    /** This layer as its concrete type. */
    @SuppressWarnings("unchecked")
    protected final L self() {
        return (L) this;
    }

    @Override
    public L name(String n) {
        super.name(n);
        return self();
    }

    @Override
    public L inputShape(int... dims) {
        super.inputShape(dims);
        return self();
    }

    @Override
    public L batchInputShape(Shape s) {
        super.batchInputShape(s);
        return self();
    }

    @Override
    public L trainable(boolean t) {
        super.trainable(t);
        return self();
    }
}
