package org.seq2seq4j.layers.recurrent;

import org.seq2seq4j.tensor.Tensor;

/**
 * Runs a recurrent layer's cell one timestep at a time for a fixed batch, for decoders and beam
 * search ({@link RecurrentLayer#stepper}). It holds the states and, for cells that read them, the
 * constants, and allocates nothing per step. Both kinds of step give exactly the numbers of the
 * sequence call. {@link #selectRows} reorders the states and the constants together, as beam
 * search needs when it keeps some hypotheses and drops others.
 *
 * <pre>{@code
 * RecurrentStepper dec = lstm.stepper(1);          // lstm built on (None, None, vocab)
 * dec.setState(0, encoderH, 0);                    // h
 * dec.setState(1, encoderC, 0);                    // c
 * dec.stepTokens(new int[] {startId}, 0);
 * float[] h = dec.output();                        // (1, units), live
 * }</pre>
 */
public interface RecurrentStepper {
    /** The number of rows stepped together (the batch, or fewer after {@link #compact}). */
    int batch();

    /** The input width of one step. */
    int features();

    /** The width of {@link #output()}. */
    int outputSize();

    /** The number of states. */
    int stateCount();

    /** State {@code k} ({@code 0 = h}, {@code 1 = c} for LSTM): live {@code (batch, size)} storage. */
    float[] state(int k);

    /** Copies {@code state(k).length} values from {@code src[off...]} into state {@code k}. */
    void setState(int k, float[] src, int off);

    /** Sets every state to zeros, the start of a sequence without initial state. */
    void resetStates();

    /**
     * Sets the constants the cell reads at every step (batch axis first, {@link #batch()} rows), as
     * many as the cell reads; cells that read none take none.
     */
    void setConstants(Tensor... constants);

    /**
     * Reorders the batch rows of every state and constant: row {@code b} becomes old row
     * {@code rows[off + b]}.
     */
    void selectRows(int[] rows, int off);

    /**
     * Keeps only {@code count} rows, row {@code b} becoming old row {@code from[b]}: the steps that
     * follow compute {@code count} rows (finished hypotheses leave the batch). {@link #resetStates()}
     * brings back the whole batch.
     */
    void compact(int[] from, int count);

    /** Advances one timestep with dense inputs {@code x[xOff...]} of shape {@code (batch, features)}. */
    void step(float[] x, int xOff);

    /** Advances one timestep with one-hot inputs given as ids {@code ids[off + b]} in {@code [0, features)}. */
    void stepTokens(int[] ids, int off);

    /** The output of the last step: live {@code (batch, outputSize)} storage. */
    float[] output();
}
