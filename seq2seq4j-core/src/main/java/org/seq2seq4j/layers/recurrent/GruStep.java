package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;

/**
 * The GRU cell's step math for {@link RnnLoop} and {@link RnnStepper}: three gates z, r, h (Keras
 * order), one state {@code h}. With {@code resetAfter} (Keras 3 default) the reset gate scales the
 * recurrent product, {@code hh = act(x·W_h + b_xh + r ⊙ (h·U_h + b_hh))}, so the loop keeps that
 * product apart; without it (Keras 2 default) the gate scales {@code h} before the product,
 * {@code hh = act(x·W_h + b_h + (r ⊙ h)·U_h)}. Then {@code h = z ⊙ h + (1 - z) ⊙ hh}.
 *
 * <pre>{@code
 * GruStep cell = new GruStep(8, ActivationFunction.TANH, ActivationFunction.SIGMOID, true);
 * RnnLoop loop = new RnnLoop(cell, false, true, false);     // forward, return_sequences
 * }</pre>
 */
public final class GruStep implements FusedStep {
    /** Gates per unit (the kernel is (features, GATES · units)) and states, declared once for the cell and its layer. */
    static final int GATES = 3;
    static final int STATES = 1;

    private final int units;
    private final ActivationFunction activation;
    private final ActivationFunction recurrentActivation;
    private final boolean resetAfter;

    public GruStep(int units, ActivationFunction activation, ActivationFunction recurrentActivation, boolean resetAfter) {
        if (units <= 0) {
            throw ConfigException.argument("GRUCell", "units", "a positive integer", units);
        }
        this.units = units;
        this.activation = LstmStep.elementwise("GRUCell", "activation", activation);
        this.recurrentActivation = LstmStep.elementwise("GRUCell", "recurrent_activation", recurrentActivation);
        this.resetAfter = resetAfter;
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
        return units;
    }

    @Override
    public boolean separateRecurrent() {
        return resetAfter;
    }

    @Override
    public int gatedColumns() {
        return resetAfter ? 0 : units;
    }

    @Override
    public void recurrentGate(int batch, int steps, int t, float[] z, float[] gate) {
        GruKernels.resetGate(batch, units, steps, t, recurrentActivation, z, gate);
    }

    @Override
    public void recurrentGateBackward(int batch, int steps, int t, float[] z, float[] dGate) {
        GruKernels.resetGateBackward(batch, units, steps, t, recurrentActivation, z, dGate);
    }

    @Override
    public void stepForward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] states, float[] cache) {
        if (resetAfter) {
            GruKernels.stepForwardResetAfter(b0, b1, units, steps, t, activation, recurrentActivation, z, r, states[0], cache);
        } else {
            GruKernels.stepForwardResetBefore(b0, b1, units, steps, t, activation, recurrentActivation, z, states[0], cache);
        }
    }

    @Override
    public void stepBackward(int b0, int b1, int steps, int t, float[] z, float[] r, float[][] dStates, float[] cache) {
        GruKernels.stepBackward(b0, b1, units, steps, t, activation, recurrentActivation, z, resetAfter ? r : null,
                dStates[0], cache);
    }
}
