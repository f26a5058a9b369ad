package org.seq2seq4j.seq2seq;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.GateMath;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.tensor.Shape;

/**
 * One decoder cell of the original library inside a timestep: a {@link GatedCore} on the input,
 * then its readout Dense {@code y = act(h'·W_o + b_o)} (the original's {@code W2}; {@code act}
 * is tanh there, softmax for the last cell of a classifier). Weights, after the core's:
 * {@code output_kernel (u, outputDim)}, {@code output_bias (outputDim)}.
 *
 * <p>Buffer blocks from a base offset, each {@code (batch, width)}: the core's cache, the new
 * {@code h}, the new {@code c} (LSTM) and {@code y}: {@link #width()} floats per row in all.
 * Backward scratch: {@link #scratchWidth()} floats per row.
 */
final class DecoderLevel {
    final GatedCore core;
    final int in;
    final int outputDim;
    final ActivationFunction activation;
    final boolean twoBiases;
    /** Index of the core's kernel among the cell's weights. */
    final int wi;

    DecoderLevel(GatedCore core, int in, int outputDim, ActivationFunction activation, boolean twoBiases, int wi) {
        this.core = core;
        this.in = in;
        this.outputDim = outputDim;
        this.activation = activation;
        this.twoBiases = twoBiases;
        this.wi = wi;
    }

    /** The readout activations a decoder cell can end in. */
    static ActivationFunction checkActivation(String subject, ActivationFunction a) {
        if (a != ActivationFunction.TANH && a != ActivationFunction.SOFTMAX) {
            throw ConfigException.argument(subject, "output_activation", "\"tanh\" (the original's) or \"softmax\"",
                    a == null ? null : "\"" + a.kerasName() + "\"");
        }
        return a;
    }

    int weightCount() {
        return core.weightCount(twoBiases) + 2;
    }

    void addWeights(RecurrentCell.WeightFactory w, String prefix) {
        core.addWeights(w, prefix, in, twoBiases);
        w.add(prefix + "output_kernel", Shape.of(core.units, outputDim), Initializers.glorotUniform());
        w.add(prefix + "output_bias", Shape.of(outputDim), Initializers.zeros());
    }

    int width() {
        return core.cacheWidth() + core.units * core.stateCount() + outputDim;
    }

    int scratchWidth() {
        return outputDim + core.units + core.scratchWidth();
    }

    int hOff(int base, int batch) {
        return base + batch * core.cacheWidth();
    }

    /** The new {@code c} (LSTM; for GRU the same offset as {@link #yOff}, unused). */
    int cOff(int base, int batch) {
        return hOff(base, batch) + batch * core.units;
    }

    int yOff(int base, int batch) {
        return base + batch * (width() - outputDim);
    }

    /** One step from {@code x (batch, in)} and the previous states into the blocks at {@code base}. */
    void forward(Gemm g, int batch, float[] x, int xOff, int ldx, float[][] w, float[] h, int hOff, float[] c, int cOff,
                 float[] buf, int base) {
        int u = core.units;
        int o = outputDim;
        int hn = hOff(base, batch);
        core.forward(g, batch, in, x, xOff, ldx, w, wi, twoBiases, h, hOff, c, cOff, buf, hn, buf, cOff(base, batch),
                buf, base);
        int y = yOff(base, batch);
        int wo = wi + core.weightCount(twoBiases);
        GatedCore.fillRows(batch, o, w[wo + 1], 0, null, buf, y);
        g.sgemm(false, false, batch, o, u, 1f, buf, hn, u, w[wo], 0, o, 1f, buf, y, o);
        for (int b = 0; b < batch; b++) {
            activate(buf, y + b * o);
        }
    }

    /**
     * Reverse of {@link #forward}: {@code dy} is the gradient of {@code y}, {@code dhNew} and
     * {@code dcNew} (either may be null: none) those of the new states through later uses; adds
     * into {@code dx}, {@code dh}, {@code dc} and the weight gradients.
     */
    void backward(Gemm g, int batch, float[] x, int xOff, int ldx, float[][] w, float[][] dw, float[] h, int hOff,
                  float[] c, int cOff, float[] buf, int base, float[] dy, int dyOff, float[] dhNew, int dhNewOff,
                  float[] dcNew, int dcNewOff, float[] dx, int dxOff, int lddx, float[] dh, int dhOff, float[] dc,
                  int dcOff, float[] scratch, int scratchOff) {
        int u = core.units;
        int o = outputDim;
        int y = yOff(base, batch);
        int dpre = scratchOff;
        int dht = dpre + batch * o;
        int coreScratch = dht + batch * u;
        for (int b = 0; b < batch; b++) {
            activationGradient(buf, y + b * o, dy, dyOff + b * o, scratch, dpre + b * o);
        }
        int wo = wi + core.weightCount(twoBiases);
        int hn = hOff(base, batch);
        g.sgemm(true, false, u, o, batch, 1f, buf, hn, u, scratch, dpre, o, 1f, dw[wo], 0, o);
        GatedCore.addColumnSums(batch, o, scratch, dpre, dw[wo + 1], 0);
        if (dhNew == null) {
            java.util.Arrays.fill(scratch, dht, dht + batch * u, 0f);
        } else {
            System.arraycopy(dhNew, dhNewOff, scratch, dht, batch * u);
        }
        g.sgemm(false, true, batch, u, o, 1f, scratch, dpre, o, w[wo], 0, o, 1f, scratch, dht, u);
        core.backward(g, batch, in, x, xOff, ldx, w, dw, wi, twoBiases, h, hOff, c, cOff, buf, base, scratch, dht,
                dcNew, dcNewOff, dx, dxOff, lddx, dh, dhOff, dc, dcOff, scratch, coreScratch);
    }

    private void activate(float[] v, int off) {
        int o = outputDim;
        if (activation == ActivationFunction.TANH) {
            for (int k = 0; k < o; k++) {
                v[off + k] = GateMath.tanh(v[off + k]);
            }
            return;
        }
        ActivationFunction.softmaxRow(v, off, o);
    }

    /** {@code out = dL/d(pre-activation)} of one row from {@code y} and {@code dy}. */
    private void activationGradient(float[] y, int yOff, float[] dy, int dyOff, float[] out, int off) {
        int o = outputDim;
        if (activation == ActivationFunction.TANH) {
            for (int k = 0; k < o; k++) {
                float v = y[yOff + k];
                out[off + k] = dy[dyOff + k] * (1 - v * v);
            }
            return;
        }
        float dot = 0f;
        for (int k = 0; k < o; k++) {
            dot += dy[dyOff + k] * y[yOff + k];
        }
        for (int k = 0; k < o; k++) {
            out[off + k] = y[yOff + k] * (dy[dyOff + k] - dot);
        }
    }
}
