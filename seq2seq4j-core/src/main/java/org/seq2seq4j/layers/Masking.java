package org.seq2seq4j.layers;

import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Marks padding timesteps: a timestep whose features all equal {@code maskValue} is masked for
 * the layers after it (RNNs keep their state over it, losses and metrics skip it), and its
 * features are set to 0, as Keras does. Input {@code (batch, timesteps, features)}.
 *
 * <pre>{@code
 * Sequential m = new Sequential().add(new Masking(0.0).inputShape(5, 3)).add(new LSTM(4));
 * // an all-zero timestep leaves the LSTM's state unchanged
 * }</pre>
 */
public final class Masking extends FluentLayer<Masking> {
    private final double maskValue;

    public Masking(double maskValue) {
        this.maskValue = maskValue;
    }

    public Masking() {
        this(0.0);
    }

    @Override
    protected void checkInput(Shape in) {
        requireMinRank(in, 3, "(batch, timesteps, features)");
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Tensor m = timestepMask(inputs[0]);
        int per = inputs[0].size() / Math.max(1, m.size());
        float[] keep = new float[inputs[0].size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = m.data()[i / per];
        }
        return new Tensor[] {Ops.scale(inputs[0], keep)};
    }

    /** 1 where any feature of the timestep differs from {@code maskValue}, else 0. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return timestepMask(inputs[0]);
    }

    private Tensor timestepMask(Tensor x) {
        Shape s = x.shape();
        int per = s.drop(2).size();
        Tensor m = Tensor.zeros(s.dim(0), s.dim(1));
        float v = (float) maskValue;
        for (int t = 0; t < m.size(); t++) {
            for (int j = 0; j < per; j++) {
                if (x.data()[t * per + j] != v) {
                    m.data()[t] = 1f;
                    break;
                }
            }
        }
        return m;
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("mask_value", maskValue);
    }

    /** The layer a Keras config describes. */
    public static Masking fromConfig(LayerConfig c) {
        return applyBase(new Masking(c.getDouble("Masking", "mask_value", 0.0)), c);
    }
}
