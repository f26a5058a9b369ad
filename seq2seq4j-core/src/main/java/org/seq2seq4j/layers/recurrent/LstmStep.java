package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;

/**
 * The LSTM cell's step math for {@link RnnLoop} and {@link RnnStepper}: four gates i, f, c, o
 * (Keras order), states {@code [h, c]}. {@code activation} (default tanh) shapes the candidate
 * and the cell output, {@code recurrentActivation} (default sigmoid) the i, f and o gates; both
 * must act on each value alone.
 *
 * <pre>{@code
 * LstmStep cell = new LstmStep(8, ActivationFunction.TANH, ActivationFunction.SIGMOID);
 * RnnLoop loop = new RnnLoop(cell, false, true, false);     // forward, return_sequences
 * }</pre>
 */
public final class LstmStep implements FusedStep {
    /** Gates per unit (the kernel is (features, GATES · units)) and states, declared once for the cell and its layer. */
    static final int GATES = 4;
    static final int STATES = 2;

    private final int units;
    private final ActivationFunction activation;
    private final ActivationFunction recurrentActivation;

    public LstmStep(int units, ActivationFunction activation, ActivationFunction recurrentActivation) {
        if (units <= 0) {
            throw ConfigException.argument("LSTMCell", "units", "a positive integer", units);
        }
        this.units = units;
        this.activation = elementwise("LSTMCell", "activation", activation);
        this.recurrentActivation = elementwise("LSTMCell", "recurrent_activation", recurrentActivation);
    }

    /** Returns {@code a}; rejects null and activations that mix values across units (softmax). */
    public static ActivationFunction elementwise(String subject, String argument, ActivationFunction a) {
        if (a == null || !a.isElementwise()) {
            throw ConfigException.argument(subject, argument, "an elementwise activation (not softmax)",
                    a == null ? null : a.kerasName());
        }
        return a;
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
        return 2 * units;
    }

    @Override
    public void stepForward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] states, float[] cache) {
        LstmKernels.stepForward(b0, b1, units, steps, t, activation, recurrentActivation, z, states[0], states[1], cache);
    }

    @Override
    public void stepBackward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] dStates, float[] cache) {
        LstmKernels.stepBackward(b0, b1, units, steps, t, activation, recurrentActivation, z, dStates[0], dStates[1], cache);
    }
}
