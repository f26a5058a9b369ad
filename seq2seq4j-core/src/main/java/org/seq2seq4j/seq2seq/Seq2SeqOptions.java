package org.seq2seq4j.seq2seq;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;

/**
 * The arguments every seq2seq family of the original library takes (farizrahman4u/seq2seq
 * {@code models.py}), in camelCase, with its defaults: {@code outputDim} and {@code outputLength}
 * (required), {@code hiddenDim} (default outputDim), the input as {@code batchInputShape}, or
 * {@code inputShape} with {@code batchSize}, or {@code inputDim} with {@code inputLength} (that
 * order of precedence), {@code depth} (an int, or an encoder/decoder pair), {@code dropout}
 * (default 0) and {@code unroll} (accepted, no effect). Added here: {@link #cell} (LSTM, the
 * original's, or GRU), {@link #outputActivation} and token-id input ({@link #embedding}).
 * Arguments are checked when the model is built, each error naming the family, the argument, what
 * was expected and what was given.
 *
 * <pre>{@code
 * SimpleSeq2Seq m = new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8)
 *         .depth(3).build();
 * // m.countParams() -> 4,608, the original's
 * }</pre>
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract class Seq2SeqOptions<B extends Seq2SeqOptions<B>> {
    private Integer outputDim;
    private Integer outputLength;
    private Integer hiddenDim;
    private int[] batchInputShape;
    private int[] inputShape;
    private Integer batchSize;
    private Integer inputDim;
    private Integer inputLength;
    private int encoderDepth = 1;
    private int decoderDepth = 1;
    private double dropout;
    private boolean unroll;
    private CellType cell = CellType.LSTM;
    private ActivationFunction outputActivation;
    private Integer embeddingDim;
    private boolean maskZero;

    protected Seq2SeqOptions() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The family's class name, the subject of error messages. */
    protected abstract String family();

    /** The width of every output step (required). */
    public B outputDim(int n) {
        outputDim = n;
        return self();
    }

    /** The number of output steps (required). */
    public B outputLength(int n) {
        outputLength = n;
        return self();
    }

    /** The width of the internal representations (default: outputDim). */
    public B hiddenDim(int n) {
        hiddenDim = n;
        return self();
    }

    /** The input's shape with the batch axis, {@code (batch, timesteps, inputDim)}; {@link Shape#UNKNOWN} for None. */
    public B batchInputShape(int... shape) {
        batchInputShape = shape.clone();
        return self();
    }

    /** The input's shape without the batch axis, {@code (timesteps, inputDim)}; the batch is {@link #batchSize}. */
    public B inputShape(int... shape) {
        inputShape = shape.clone();
        return self();
    }

    /** The batch axis with {@link #inputShape} or {@link #inputDim} (default None). */
    public B batchSize(int n) {
        batchSize = n;
        return self();
    }

    /** The width of each input step (the vocabulary size with {@link #embedding}). */
    public B inputDim(int n) {
        inputDim = n;
        return self();
    }

    /** The number of input steps with {@link #inputDim} (default None: any length). */
    public B inputLength(int n) {
        inputLength = n;
        return self();
    }

    /** {@code depth} encoder and {@code depth} decoder cells. */
    public B depth(int depth) {
        return depth(depth, depth);
    }

    /** The original's {@code depth=(encoder, decoder)}. */
    public B depth(int encoder, int decoder) {
        encoderDepth = encoder;
        decoderDepth = decoder;
        return self();
    }

    /** The dropout between cells, in [0, 1) (default 0). */
    public B dropout(double rate) {
        dropout = rate;
        return self();
    }

    /** Accepted as the original takes it; the recurrent loop never unrolls. */
    public B unroll(boolean b) {
        unroll = b;
        return self();
    }

    /** The cell type everywhere: {@link CellType#LSTM} (default, the original's) or {@link CellType#GRU}. */
    public B cell(CellType type) {
        cell = type;
        return self();
    }

    /** The activation of the output, by Keras name (see the family for its default and choices). */
    public B outputActivation(String kerasName) {
        outputActivation = ActivationFunction.fromKerasName(kerasName);
        return self();
    }

    /**
     * Token ids instead of one-hot steps: the input is {@code (batch, timesteps)} of ids in
     * {@code [0, inputDim)} and an {@code Embedding(inputDim, embeddingDim, mask_zero)} comes first
     * (its parameters are extra to the original's); with {@code maskZero} id 0 is padding.
     */
    public B embedding(int embeddingDim, boolean maskZero) {
        this.embeddingDim = embeddingDim;
        this.maskZero = maskZero;
        return self();
    }

    /** The checked arguments a family builds with. */
    record Values(int outputDim, int outputLength, int hiddenDim, int encoderDepth, int decoderDepth, double dropout,
                  CellType cell, ActivationFunction outputActivation, boolean unroll) {
        boolean softmax() {
            return outputActivation == ActivationFunction.SOFTMAX;
        }
    }

    /** Every argument checked; the output activation {@code dflt} when none was set, one of {@code allowed}. */
    Values values(ActivationFunction dflt, ActivationFunction... allowed) {
        return new Values(outputDimValue(), outputLengthValue(), hiddenDimValue(), encoderDepth(), decoderDepth(),
                dropoutValue(), cellValue(), outputActivationValue(dflt, allowed), unroll);
    }

    // ---- checked values ----

    private int outputDimValue() {
        return positive("output_dim", outputDim);
    }

    private int outputLengthValue() {
        return positive("output_length", outputLength);
    }

    private int hiddenDimValue() {
        return hiddenDim == null ? outputDimValue() : positive("hidden_dim", hiddenDim);
    }

    private int encoderDepth() {
        checkDepth();
        return encoderDepth;
    }

    private int decoderDepth() {
        checkDepth();
        return decoderDepth;
    }

    private void checkDepth() {
        if (encoderDepth < 1 || decoderDepth < 1) {
            Object given = encoderDepth == decoderDepth ? encoderDepth : "(" + encoderDepth + ", " + decoderDepth + ")";
            throw ConfigException.argument(family(), "depth", "a positive integer or a pair of them (encoder, decoder)",
                    given);
        }
    }

    private double dropoutValue() {
        return Seq2SeqDecoder.rate(family(), dropout);
    }

    private CellType cellValue() {
        if (cell == null) {
            throw ConfigException.argument(family(), "cell", "CellType.LSTM or CellType.GRU", null);
        }
        return cell;
    }

    /** The output activation, {@code dflt} when none was set; it must be one of {@code allowed}. */
    private ActivationFunction outputActivationValue(ActivationFunction dflt, ActivationFunction... allowed) {
        ActivationFunction a = outputActivation == null ? dflt : outputActivation;
        for (ActivationFunction ok : allowed) {
            if (ok == a) {
                return a;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ActivationFunction ok : allowed) {
            names.append(names.length() == 0 ? "" : " or ").append('"').append(ok.kerasName()).append('"');
        }
        throw ConfigException.argument(family(), "output_activation", names.toString(), "\"" + a.kerasName() + "\"");
    }

    boolean tokenIds() {
        return embeddingDim != null;
    }

    boolean maskZeroValue() {
        return maskZero;
    }

    /** The input's shape {@code (batch, timesteps, inputDim)} by the original's precedence, checked. */
    Shape shape() {
        int[] s;
        int batch = batchSize == null ? Shape.UNKNOWN : positive("batch_size", batchSize);
        if (batchInputShape != null) {
            s = batchInputShape;
            if (s.length != 3) {
                throw ConfigException.argument(family(), "batch_input_shape", "(batch, timesteps, input_dim)",
                        Shape.of(s));
            }
        } else if (inputShape != null) {
            if (inputShape.length != 2) {
                throw ConfigException.argument(family(), "input_shape", "(timesteps, input_dim)", Shape.of(inputShape));
            }
            s = new int[] {batch, inputShape[0], inputShape[1]};
        } else if (inputDim != null) {
            s = new int[] {batch, inputLength == null ? Shape.UNKNOWN : positive("input_length", inputLength), inputDim};
        } else {
            throw ConfigException.argument(family(), "input", "input_dim, input_shape or batch_input_shape", "none");
        }
        if (s[2] <= 0 || (s[0] != Shape.UNKNOWN && s[0] <= 0) || (s[1] != Shape.UNKNOWN && s[1] <= 0)) {
            throw ConfigException.argument(family(), "input shape", "(batch, timesteps, input_dim) with positive sizes "
                    + "(None allowed for batch and timesteps)", Shape.of(s));
        }
        return Shape.of(s);
    }

    /** The model's input: one-hot steps {@code (batch, T, inputDim)} or ids {@code (batch, T)}. */
    KerasTensor input() {
        Shape s = shape();
        InputLayer in = tokenIds() ? new InputLayer(s.take(2)).dtype(DType.INT32) : new InputLayer(s);
        return in.output();
    }

    /** The encoder's first tensor: the input, or its embedding with token ids. */
    KerasTensor embedded(KerasTensor input) {
        if (!tokenIds()) {
            return input;
        }
        int dim = positive("embedding output_dim", embeddingDim);
        return new Embedding(shape().last(), dim).maskZero(maskZero).apply(input);
    }

    private int positive(String argument, Integer value) {
        if (value == null || value <= 0) {
            throw ConfigException.argument(family(), argument, "a positive integer", value == null ? "none" : value);
        }
        return value;
    }
}
