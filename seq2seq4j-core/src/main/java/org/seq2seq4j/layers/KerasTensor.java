package org.seq2seq4j.layers;

import org.seq2seq4j.tensor.Shape;

/**
 * A symbolic tensor of the functional API: it has a shape (batch axis {@code None}) but no values,
 * and remembers which layer call produced it, so a {@code Model} can be traced from its outputs
 * back to its inputs. Made by {@code Input.of(...)} and by calling a layer on other symbolic tensors.
 *
 * <pre>{@code
 * KerasTensor x = Input.of(Shape.UNKNOWN, 8);           // (None, None, 8)
 * KerasTensor y = new Dense(4).apply(x);                // (None, None, 4)
 * // y.shape() -> (None, None, 4); y.node().layer() is the Dense
 * }</pre>
 */
public final class KerasTensor {
    private final Shape shape;
    private final Node node;
    private final int index;

    KerasTensor(Shape shape, Node node, int index) {
        this.shape = shape;
        this.node = node;
        this.index = index;
    }

    /** The shape, batch axis first ({@link Shape#UNKNOWN} where not fixed). */
    public Shape shape() {
        return shape;
    }

    /** The layer call that produced this tensor. */
    public Node node() {
        return node;
    }

    /** Which output of that call this is (0 for the main output; LSTM states are 1 and 2). */
    public int index() {
        return index;
    }

    /** Keras-style reference {@code layer_name[node][index]}, as in the summary's "Connected to". */
    public String reference() {
        return node.layer().name() + "[" + node.indexInLayer() + "][" + index + "]";
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + shape + ", source=" + reference() + ">";
    }
}
