package org.seq2seq4j.autodiff;

import org.seq2seq4j.tensor.Tensor;

/**
 * One differentiable operation: {@code forward} computes the outputs and keeps exactly what
 * {@code backward} needs; {@code backward} turns output gradients into input gradients by the
 * chain rule. A fused recurrent layer is a single op with a hand-written backward (BPTT).
 * An op instance is used for one call: it may keep caches from {@code forward} in its fields.
 *
 * <pre>{@code
 * final class Square implements Op {
 *     private Tensor x;
 *     public String name() { return "square"; }
 *     public Tensor[] forward(Tensor... in) {
 *         x = in[0];
 *         float[] y = x.data().clone();
 *         for (int i = 0; i < y.length; i++) y[i] *= y[i];
 *         return new Tensor[] {Tensor.of(y, x.shape())};
 *     }
 *     public void backward(Tensor[] dOut, Tensor[] dIn) {
 *         if (dIn[0] == null) return;                       // input needs no gradient
 *         for (int i = 0; i < x.size(); i++) dIn[0].data()[i] += 2 * x.data()[i] * dOut[0].data()[i];
 *     }
 * }
 * Tensor y = Tape.apply(new Square(), x)[0];
 * }</pre>
 */
public interface Op {
    /** Short name used in error messages, e.g. {@code "lstm_sequence"}. */
    String name();

    /** Computes the outputs. Must not modify the inputs. */
    Tensor[] forward(Tensor... inputs);

    /**
     * Adds (never assigns) the gradient of each input into {@code dIn}. {@code dOut[i]} holds the
     * gradient of output {@code i} (zeros when no gradient reached it); {@code dIn[i]} is a
     * zero-initialised tensor of the input's shape, or {@code null} when input {@code i} needs
     * no gradient.
     */
    void backward(Tensor[] dOut, Tensor[] dIn);
}
