package org.seq2seq4j.layers;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Turns integer token ids into dense vectors: ids {@code (batch, timesteps)} (values held as
 * floats) become {@code (batch, timesteps, outputDim)}. Weight: {@code embeddings (inputDim,
 * outputDim)}, default random uniform in [-0.05, 0.05]. A pretrained matrix can be given with
 * {@link #embeddings(Tensor)} and frozen with {@code trainable(false)}. With {@code maskZero},
 * id 0 is padding and the output carries the mask {@code ids != 0} for the layers after it.
 * {@code inputLength} (a Keras 2 argument) fixes the time axis.
 *
 * <pre>{@code
 * Tensor glove = Tensor.random(Shape.of(1000, 50), 7);      // a pretrained matrix
 * Embedding e = new Embedding(1000, 50).embeddings(glove).maskZero(true);
 * e.trainable(false);
 * Tensor y = e.apply(Tensor.of(new float[] {4, 9, 0, 0}, 1, 4));
 * // y.shape() -> (1, 4, 50); rows 2 and 3 are masked for the next layer
 * }</pre>
 */
public final class Embedding extends FluentLayer<Embedding> {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.randomUniform(-0.05, 0.05);
    private Tensor pretrained;
    private boolean maskZero;
    private int inputLength = Shape.UNKNOWN;
    private Variable embeddings;

    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0) {
            throw ConfigException.argument("Embedding", "input_dim", "a positive integer", inputDim);
        }
        if (outputDim <= 0) {
            throw ConfigException.argument("Embedding", "output_dim", "a positive integer", outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    public Embedding embeddingsInitializer(Initializer i) {
        checkNotBuilt("embeddingsInitializer");
        embeddingsInitializer = java.util.Objects.requireNonNull(i, "embeddingsInitializer");
        return this;
    }

    /** Starts from a pretrained matrix of shape {@code (inputDim, outputDim)} (Keras's {@code weights=[m]}). */
    public Embedding embeddings(Tensor matrix) {
        checkNotBuilt("embeddings");
        if (!matrix.shape().equals(Shape.of(inputDim, outputDim))) {
            throw new ShapeException(describe() + " pretrained embeddings", "a matrix of shape "
                    + Shape.of(inputDim, outputDim), matrix.shape());
        }
        pretrained = matrix;
        return this;
    }

    public Embedding maskZero(boolean m) {
        checkNotBuilt("maskZero");
        maskZero = m;
        return this;
    }

    /** Keras 2's {@code input_length}: the fixed number of timesteps. */
    public Embedding inputLength(int n) {
        checkNotBuilt("inputLength");
        if (n <= 0) {
            throw ConfigException.argument("Embedding", "input_length", "a positive integer", n);
        }
        inputLength = n;
        return this;
    }

    @Override
    protected void checkInput(Shape in) {
        requireMinRank(in, 1, "(batch, ...) of integer ids");
        if (inputLength != Shape.UNKNOWN && in.rank() >= 2 && in.dim(1) != Shape.UNKNOWN && in.dim(1) != inputLength) {
            throw new ShapeException(describe(), "ids of shape (batch, " + inputLength + ") (input_length)", in);
        }
    }

    @Override
    protected void doBuild(Shape in) {
        embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), embeddingsInitializer);
        if (pretrained != null) {
            embeddings.assign(pretrained);
        }
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return in.append(outputDim);
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return new Tensor[] {Ops.gather(inputs[0], embeddings.read(), describe())};
    }

    /** With {@code maskZero}: 1 where the id is not 0, else 0; without it, the input mask. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        if (!maskZero) {
            return inputMask;
        }
        Tensor ids = inputs[0];
        Tensor m = Tensor.zeros(ids.shape());
        for (int i = 0; i < ids.size(); i++) {
            m.data()[i] = ids.data()[i] != 0f ? 1f : 0f;
        }
        return m;
    }

    @Override
    public LayerConfig getConfig() {
        LayerConfig c = super.getConfig().put("input_dim", inputDim).put("output_dim", outputDim)
                .put("embeddings_initializer", Layers.initializerConfig(embeddingsInitializer))
                .put("mask_zero", maskZero);
        return inputLength != Shape.UNKNOWN ? c.put("input_length", inputLength) : c;
    }

    /** The layer a Keras config describes. */
    public static Embedding fromConfig(LayerConfig c) {
        Embedding e = new Embedding(c.requireInt("Embedding", "input_dim"), c.requireInt("Embedding", "output_dim"))
                .maskZero(c.getBool("Embedding", "mask_zero", false));
        Layers.initializer(c, "embeddings_initializer").ifPresent(e::embeddingsInitializer);
        if (c.has("input_length")) {
            e.inputLength(c.requireInt("Embedding", "input_length"));
        }
        return applyBase(e, c);
    }
}
