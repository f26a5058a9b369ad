package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.GateMath;

/**
 * The SimpleRNN cell's step math for {@link RnnLoop} and {@link RnnStepper}: one gate, one state,
 * {@code h = act(x·W + b + h·U)}. The activated value is written over {@code z} for the backward.
 *
 * <pre>{@code
 * SimpleRnnStep cell = new SimpleRnnStep(8, ActivationFunction.TANH);
 * RnnLoop loop = new RnnLoop(cell, false, false, false);    // forward, last output only
 * }</pre>
 */
public final class SimpleRnnStep implements FusedStep {
    /** Gates per unit (the kernel is (features, GATES · units)) and states, declared once for the cell and its layer. */
    static final int GATES = 1;
    static final int STATES = 1;

    private final int units;
    private final ActivationFunction activation;

    public SimpleRnnStep(int units, ActivationFunction activation) {
        if (units <= 0) {
            throw ConfigException.argument("SimpleRNNCell", "units", "a positive integer", units);
        }
        this.units = units;
        this.activation = LstmStep.elementwise("SimpleRNNCell", "activation", activation);
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public int gates() {
        return GATES;
    }

    @Override
    public int stateCount() {
        return STATES;
    }

    @Override
    public int cacheWidth() {
        return 0;
    }

    /** h = act(z), written over z and into h. */
    @Override
    public void stepForward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] states, float[] cache) {
        float[] h = states[0];
        for (int b = b0; b < b1; b++) {
            int zr = (b * steps + t) * units;
            GateMath.activate(activation, z, zr, units);
            System.arraycopy(z, zr, h, b * units, units);
        }
    }

    /** dz = dh·act'(h); dh becomes 0 (its only path back, dz·Uᵀ, is added by the loop). */
    @Override
    public void stepBackward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] dStates, float[] cache) {
        float[] dh = dStates[0];
        for (int b = b0; b < b1; b++) {
            int zr = (b * steps + t) * units;
            for (int j = 0; j < units; j++) {
                z[zr + j] = dh[b * units + j] * activation.derivativeFromOutput(z[zr + j]);
                dh[b * units + j] = 0f;
            }
        }
    }
}
