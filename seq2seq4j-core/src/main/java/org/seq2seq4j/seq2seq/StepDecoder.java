package org.seq2seq4j.seq2seq;

import java.util.List;
import org.seq2seq4j.tensor.Tensor;

/**
 * A model split for decoding: an encoder run once per batch of source sequences, and a decoder
 * advanced one output step at a time. Every seq2seq family offers one
 * ({@code stepDecoder()}), and so do Keras-style encoder / decoder pairs ({@link KerasStepDecoder}).
 * The decoders of {@link Decoder} (greedy, beam, sampling) drive it: each step they choose a
 * token per row and feed it back.
 *
 * <p>A {@link Session} holds the rows being decoded: {@code rowsPerSource} copies of every
 * source (beam search starts with {@code beamSize} rows per source). Rows can be reordered with
 * {@link Session#selectRows} (beam search keeps the hypotheses that survive), which moves every
 * per-row state, including the encoder outputs an attention decoder reads, and dropped with
 * {@link Session#compact} once their source is done.
 *
 * <pre>{@code
 * StepDecoder dec = model.stepDecoder();
 * StepDecoder.Session s = dec.start(List.of(sources), 1);      // sources (batch, timesteps, features)
 * int[] previous = new int[s.rows()];                          // the start token in every row
 * float[] probabilities = new float[s.rows() * dec.outputSize()];
 * s.step(previous, probabilities);                             // the next token's distribution per row
 * }</pre>
 */
public interface StepDecoder {
    /** The number of output classes (tokens). */
    int outputSize();

    /**
     * Whether a step takes the previous token: false for models whose decoder runs on a fixed
     * input (a repeated context vector, or the layer that feeds back its own prediction); their
     * outputs are read step by step and the tokens given are ignored.
     */
    boolean feedsBack();

    /** Whether a step's outputs are probabilities (a softmax), so that scores are log-probabilities. */
    boolean outputsProbabilities();

    /** The longest output the decoder can give, or {@link Integer#MAX_VALUE} when it has no fixed length. */
    int maxOutputLength();

    /** Encodes the sources (the model's inputs, batch first) and starts {@code rowsPerSource} rows for each. */
    Session start(List<Tensor> sources, int rowsPerSource);

    /**
     * As {@link #start(List, int)} for sources padded after their ends: source {@code b} is
     * {@code lengths[b]} timesteps long. A model that can mask its encoder ignores the padding, so
     * a sentence decodes the same in any batch; the default ignores the lengths.
     */
    default Session start(List<Tensor> sources, int[] lengths, int rowsPerSource) {
        return start(sources, rowsPerSource);
    }

    /** The rows being decoded, with their states. */
    interface Session {
        /** The number of rows. */
        int rows();

        /**
         * Advances every row by one step, feeding back {@code previous[row]} (the start token at the
         * first step), and writes the step's outputs, {@code (rows, outputSize)}, into {@code out}.
         */
        void step(int[] previous, float[] out);

        /** Reorders the rows: row {@code r} becomes old row {@code from[r]}. */
        void selectRows(int[] from);

        /**
         * Keeps only {@code count} rows, row {@code r} becoming old row {@code from[r]}: the sources
         * that finished leave the batch, and the following steps compute the rows that remain.
         */
        void compact(int[] from, int count);

        /** The attention of the last step over the source, {@code (rows, sourceLength)}, or null without attention. */
        float[] attention();

        /** The number of source timesteps attention rows cover (0 without attention). */
        int sourceLength();
    }
}
