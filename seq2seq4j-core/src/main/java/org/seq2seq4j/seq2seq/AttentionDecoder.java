package org.seq2seq4j.seq2seq;

import java.util.List;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The classic Keras custom layer {@code AttentionDecoder(units, output_dim)} (Bahdanau, Cho and
 * Bengio 2014, appendix A.2): a recurrent decoder that attends, at every step, over its whole
 * input sequence (an encoder's outputs) and emits a softmax over {@code outputDim} classes; the
 * output has as many steps as the input. Initial states {@code s_0 = tanh(x_0·W_s)} and
 * {@code y_0 = 0}; each step's prediction {@code y_t} is fed back into the next, and the output
 * at step t uses the previous state (the equations are in the step cell's documentation, as the
 * original computes them; the softmax over time is max-shifted, the same values). With
 * {@link #returnProbabilities} the output is the attention matrix {@code (batch, T, T)}: row t is
 * the weight of every input step for output step t.
 *
 * <p>Input {@code (batch, timesteps, input_dim)}; output {@code (batch, timesteps, outputDim)}.
 * Weights, in the original's order, shapes and initializers ({@code U} units, {@code O} outputDim,
 * {@code D} input_dim): {@code V_a (U)}, {@code W_a (U, U)}, {@code U_a (D, U)} glorot_uniform;
 * {@code b_a (U)}; for each of r, z, p: {@code C (D, U)}, {@code U (U, U)}, {@code W (O, U)}
 * orthogonal and {@code b (U)} zeros; {@code C_o (D, O)}, {@code U_o (U, O)}, {@code W_o (O, O)}
 * orthogonal, {@code b_o (O)}; {@code W_s (D, U)} orthogonal. Weight paths are
 * {@code <layer name>/V_a} and so on, as the original names them. Built on
 * {@link RecurrentCell}: the time loop, masks and backpropagation are the library's.
 *
 * <pre>{@code
 * KerasTensor in = Input.of(5, 50);
 * KerasTensor encoded = new LSTM(150).returnSequences(true).apply(in);     // (None, 5, 150)
 * KerasTensor out = new AttentionDecoder(150, 50).apply(encoded);          // (None, 5, 50)
 * Model model = Model.of(in, out);                                         // 363,900 parameters
 * }</pre>
 */
public final class AttentionDecoder extends RecurrentLayer<AttentionDecoder> {
    private static final Set<String> OWN_KEYS = Set.of("units", "output_dim", "return_probabilities", "activation",
            "kernel_initializer", "recurrent_initializer", "bias_initializer");

    private final BahdanauDecoderCell cell;
    private ActivationFunction activation = ActivationFunction.TANH;

    /** An attention decoder with {@code units} hidden units over {@code outputDim} output classes (both positive). */
    public AttentionDecoder(int units, int outputDim) {
        this(cell(units, outputDim));
    }

    private AttentionDecoder(BahdanauDecoderCell cell) {
        super(List.of(cell));
        this.cell = cell;
        super.returnSequences(true);
    }

    private static BahdanauDecoderCell cell(int units, int outputDim) {
        if (units <= 0) {
            throw ConfigException.argument("AttentionDecoder", "units", "a positive integer", units);
        }
        if (outputDim <= 0) {
            throw ConfigException.argument("AttentionDecoder", "output_dim", "a positive integer", outputDim);
        }
        return new BahdanauDecoderCell(units, outputDim);
    }

    public int outputDim() {
        return cell.outputDim();
    }

    /** The decoder always returns its whole output sequence, as the original; {@code false} is refused. */
    @Override
    public AttentionDecoder returnSequences(boolean b) {
        if (!b) {
            throw ConfigException.argument(describe(), "return_sequences", "true (the decoder returns every step)", false);
        }
        return this;
    }

    /** Return the attention matrix {@code (batch, T, T)} instead of the predictions (needs a fixed input length). */
    public AttentionDecoder returnProbabilities(boolean b) {
        checkNotBuilt("returnProbabilities");
        cell.returnProbabilities(b);
        return this;
    }

    public boolean returnProbabilities() {
        return cell.returnProbabilities();
    }

    /** Accepted and kept in the config as the original does; its step uses tanh and sigmoid regardless. */
    public AttentionDecoder activation(String kerasName) {
        checkNotBuilt("activation");
        activation = ActivationFunction.fromKerasName(kerasName);
        return this;
    }

    /** The initializers of the attention weights, of the gate and output weights, and of the biases. */
    public AttentionDecoder initializers(Initializer kernel, Initializer recurrent, Initializer bias) {
        checkNotBuilt("initializers");
        if (kernel == null || recurrent == null || bias == null) {
            throw ConfigException.argument(describe(), "initializers", "three initializers", null);
        }
        cell.initializers(kernel, recurrent, bias);
        return this;
    }

    @Override
    protected void checkInput(Shape in) {
        super.checkInput(in);
        if (returnProbabilities() && isBuilt() && in.dim(1) != cell.outputSize()) {
            throw new ShapeException(describe(), "input of " + cell.outputSize() + " timesteps, as it was built with "
                    + "return_probabilities (batch, " + cell.outputSize() + ", features)", in);
        }
    }

    /** The constants of the step are the input itself and its projection {@code x·U_a + b_a}. */
    @Override
    protected void doBuild(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        if (returnProbabilities() && in.dim(1) == Shape.UNKNOWN) {
            throw new ShapeException(describe(), "a fixed number of timesteps with return_probabilities "
                    + "(batch, timesteps, features)", in, "the attention matrix is (batch, T, T)");
        }
        super.doBuild(List.of(in, in, in.withLast(cell.units())));
    }

    /** Weights keep the original's names directly under the layer: {@code <layer>/V_a}. */
    @Override
    protected RecurrentCell.WeightFactory weightFactory(String cellPrefix) {
        return (weightName, shape, init) -> addWeight(weightName, shape, init);
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
        return in.withLast(returnProbabilities() ? in.dim(1) : cell.outputDim());
    }

    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        requireOneInput(inputShapes.size(), inputShapes.get(0));
        return computeOutputShapes(inputShapes.get(0));
    }

    private void requireOneInput(int count, Shape first) {
        if (count != 1) {
            throw new ShapeException(describe(), "one input (batch, timesteps, features); it makes its own initial states",
                    first, (count - 1) + " extra input(s) were given");
        }
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        requireOneInput(inputs.length, inputs[0].shape());
        Tensor x = inputs[0];
        Tensor[] prepared = prepare(x);
        return super.doCall(new Tensor[] {x, prepared[0], prepared[1], x, prepared[2]}, ctx);
    }

    /** {@code [y_0, s_0, x·U_a + b_a]} for input {@code x}, on the active tape. */
    private Tensor[] prepare(Tensor x) {
        List<Variable> w = cell.weights();
        Tensor ux = Ops.dense(x, w.get(BahdanauDecoderCell.U_A).read(), w.get(BahdanauDecoderCell.B_A).read(),
                ActivationFunction.LINEAR);
        Tensor s0 = Ops.dense(Ops.timestep(x, 0), w.get(BahdanauDecoderCell.W_S).read(), null, ActivationFunction.TANH);
        Tensor y0 = Tensor.zeros(x.shape().dim(0), cell.outputDim());
        return new Tensor[] {y0, s0, ux};
    }

    /**
     * A stepper that decodes {@code encoded (batch, timesteps, features)} one output step at a time:
     * constants and initial states set as the sequence call sets them. Its output after step t is
     * the sequence call's output t.
     */
    public RecurrentStepper stepper(Tensor encoded) {
        checkInput(encoded.shape());
        RecurrentStepper st = stepper(encoded.shape().dim(0));
        Tensor[] p = prepare(encoded);
        st.setConstants(encoded, p[2]);
        st.setState(0, p[0].data(), 0);
        st.setState(1, p[1].data(), 0);
        return st;
    }

    @Override
    public LayerConfig getConfig() {
        Initializer[] init = cell.initializers();
        return super.getConfig().put("units", cell.units()).put("output_dim", cell.outputDim())
                .put("return_probabilities", returnProbabilities()).put("activation", activation)
                .put("kernel_initializer", Layers.initializerConfig(init[0]))
                .put("recurrent_initializer", Layers.initializerConfig(init[1]))
                .put("bias_initializer", Layers.initializerConfig(init[2]));
    }

    /** The layer from its Keras config, as the original's {@code get_config} writes it (initializers optional). */
    public static AttentionDecoder fromConfig(LayerConfig c) {
        checkKeys("AttentionDecoder", c, OWN_KEYS);
        String cls = "AttentionDecoder";
        if (!c.getBool(cls, "return_sequences", true)) {
            throw ConfigException.argument(cls, "return_sequences", "true (the decoder returns every step)", false);
        }
        AttentionDecoder d = new AttentionDecoder(c.requireInt(cls, "units"), c.requireInt(cls, "output_dim"))
                .returnProbabilities(c.getBool(cls, "return_probabilities", false))
                .initializers(Layers.initializer(c, "kernel_initializer").orElse(Initializers.glorotUniform()),
                        Layers.initializer(c, "recurrent_initializer").orElse(Initializers.orthogonal(1.0)),
                        Layers.initializer(c, "bias_initializer").orElse(Initializers.zeros()));
        d.activation = c.activation("activation", ActivationFunction.TANH);
        LayerConfig forced = new LayerConfig();
        for (String k : c.keys()) {
            forced.put(k, c.get(k));
        }
        return applyRnnConfig(d, forced.put("return_sequences", true));
    }
}
