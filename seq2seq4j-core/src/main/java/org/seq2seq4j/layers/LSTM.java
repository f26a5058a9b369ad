package org.seq2seq4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.Activation;
import org.seq2seq4j.layers.recurrent.LstmCell;
import org.seq2seq4j.layers.recurrent.RnnLoop;
import org.seq2seq4j.layers.recurrent.RnnStepper;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Long Short-Term Memory layer with Keras 3 semantics, run as one fused op with a hand-written
 * backward. Input {@code (batch, timesteps, features)}; output {@code (batch, units)}, or
 * {@code (batch, timesteps, units)} with {@link #returnSequences}; with {@link #returnState} the
 * outputs are {@code [output, h, c]}, each state {@code (batch, units)}. Call with
 * {@code call(ctx, x)} or {@code call(ctx, x, h0, c0)}; a mask {@code (batch, timesteps)} comes
 * from {@link CallContext#mask()}.
 *
 * <p>Weights (Keras names and layouts, gates i, f, c, o): {@code lstm_cell/kernel (features, 4u)},
 * {@code lstm_cell/recurrent_kernel (u, 4u)}, {@code lstm_cell/bias (4u)}. Defaults: activation
 * tanh, recurrent_activation sigmoid, use_bias, glorot_uniform / orthogonal / zeros initializers,
 * unit_forget_bias (forget-gate bias starts at one). {@code dropout}, {@code recurrent_dropout}
 * are stored in the config but not applied yet; {@code stateful=true} is not supported yet;
 * {@code unroll} is accepted and has no effect.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(4).returnSequences(true).returnState(true);
 * Tensor[] out = lstm.apply(Tensor.random(Shape.of(32, 10, 8), 42)); // [sequence, h, c]
 * // out[0].shape() -> (32, 10, 4); out[1].shape() -> (32, 4); lstm.countParams() -> 208
 * }</pre>
 */
public final class LSTM extends Layer implements RecurrentLayer {
    private static final String CLS = "LSTM";
    /** Keras arguments read by fromConfig besides the base ones. */
    private static final Set<String> KEYS = Set.of("units", "activation", "recurrent_activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias", "dropout",
            "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
            "zero_output_for_mask", "name", "trainable", "batch_input_shape", "batch_shape");
    /** Keras keys with no effect here (dtype is always float32; seed matters once dropout is applied). */
    private static final Set<String> IGNORED = Set.of("dtype", "seed", "implementation", "time_major");
    /** Keras keys for features not supported yet: accepted only when null. */
    private static final Set<String> NULL_ONLY = Set.of("kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint");

    private final int units;
    private Activation activation = Activation.TANH;
    private Activation recurrentActivation = Activation.SIGMOID;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.orthogonal(1.0);
    private Initializer biasInitializer = Initializers.zeros();
    private boolean unitForgetBias = true;
    private double dropout;
    private double recurrentDropout;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private boolean unroll;
    private boolean zeroOutputForMask;

    private LstmCell cell;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    /** An LSTM with {@code units} units (positive). */
    public LSTM(int units) {
        if (units <= 0) {
            throw ConfigException.argument(CLS, "units", "a positive integer", units);
        }
        this.units = units;
    }

    public int units() {
        return units;
    }

    /** Activation of the candidate and of the cell output (default tanh); must be elementwise. */
    public LSTM activation(Activation a) {
        checkNotBuilt("activation");
        activation = LstmCell.elementwise(CLS, "activation", a);
        return this;
    }

    /** Activation of the i, f, o gates (default sigmoid); must be elementwise. */
    public LSTM recurrentActivation(Activation a) {
        checkNotBuilt("recurrentActivation");
        recurrentActivation = LstmCell.elementwise(CLS, "recurrent_activation", a);
        return this;
    }

    public LSTM useBias(boolean b) {
        checkNotBuilt("useBias");
        useBias = b;
        return this;
    }

    public LSTM kernelInitializer(Initializer i) {
        checkNotBuilt("kernelInitializer");
        kernelInitializer = require("kernel_initializer", i);
        return this;
    }

    public LSTM recurrentInitializer(Initializer i) {
        checkNotBuilt("recurrentInitializer");
        recurrentInitializer = require("recurrent_initializer", i);
        return this;
    }

    public LSTM biasInitializer(Initializer i) {
        checkNotBuilt("biasInitializer");
        biasInitializer = require("bias_initializer", i);
        return this;
    }

    /** When true (default), the forget-gate slice of the bias starts at ones, as in Keras. */
    public LSTM unitForgetBias(boolean b) {
        checkNotBuilt("unitForgetBias");
        unitForgetBias = b;
        return this;
    }

    /** Input dropout rate in [0, 1); stored in the config, not applied yet. */
    public LSTM dropout(double rate) {
        checkNotBuilt("dropout");
        dropout = rate("dropout", rate);
        return this;
    }

    /** Recurrent dropout rate in [0, 1); stored in the config, not applied yet. */
    public LSTM recurrentDropout(double rate) {
        checkNotBuilt("recurrentDropout");
        recurrentDropout = rate("recurrent_dropout", rate);
        return this;
    }

    /** Return the output of every timestep {@code (batch, timesteps, units)} instead of the last. */
    public LSTM returnSequences(boolean b) {
        checkNotBuilt("returnSequences");
        returnSequences = b;
        return this;
    }

    /** Also return the final states: outputs become {@code [output, h, c]}. */
    public LSTM returnState(boolean b) {
        checkNotBuilt("returnState");
        returnState = b;
        return this;
    }

    /** Process the sequence (and mask) from the last timestep to the first. */
    public LSTM goBackwards(boolean b) {
        checkNotBuilt("goBackwards");
        goBackwards = b;
        return this;
    }

    /** Stateful RNNs are not supported yet: only {@code false} is accepted. */
    public LSTM stateful(boolean b) {
        checkNotBuilt("stateful");
        if (b) {
            throw ConfigException.argument(CLS, "stateful", "false (stateful RNNs are not supported yet)", true);
        }
        stateful = false;
        return this;
    }

    /** Accepted for Keras compatibility; the fused loop never unrolls. */
    public LSTM unroll(boolean b) {
        checkNotBuilt("unroll");
        unroll = b;
        return this;
    }

    /** Masked timesteps output zeros instead of repeating the previous output. */
    @Override
    public LSTM zeroOutputForMask(boolean b) {
        checkNotBuilt("zeroOutputForMask");
        zeroOutputForMask = b;
        return this;
    }

    @Override
    public boolean returnSequences() {
        return returnSequences;
    }

    @Override
    public boolean returnState() {
        return returnState;
    }

    @Override
    public boolean goBackwards() {
        return goBackwards;
    }

    @Override
    public boolean stateful() {
        return stateful;
    }

    @Override
    public boolean zeroOutputForMask() {
        return zeroOutputForMask;
    }

    /** Two states, {@code [h, c]}. */
    @Override
    public int stateCount() {
        return 2;
    }

    public double dropout() {
        return dropout;
    }

    public double recurrentDropout() {
        return recurrentDropout;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
        if (kernel != null && in.last() != kernel.shape().dim(0)) {
            throw new ShapeException(describe(), "input with " + kernel.shape().dim(0)
                    + " features on the last axis (batch, timesteps, " + kernel.shape().dim(0) + "), as when it was built", in);
        }
    }

    @Override
    protected void doBuild(Shape in) {
        cell = new LstmCell(units, activation, recurrentActivation);
        kernel = addWeight("lstm_cell/kernel", Shape.of(in.last(), 4 * units), kernelInitializer);
        recurrentKernel = addWeight("lstm_cell/recurrent_kernel", Shape.of(units, 4 * units), recurrentInitializer);
        if (useBias) {
            bias = addWeight("lstm_cell/bias", Shape.of(4 * units),
                    unitForgetBias ? withForgetOnes(biasInitializer, units) : biasInitializer);
        }
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
        return returnSequences ? in.withLast(units) : Shape.of(in.dim(0), units);
    }

    @Override
    public List<Shape> computeOutputShapes(Shape in) {
        Shape out = computeOutputShape(in);
        if (!returnState) {
            return List.of(out);
        }
        Shape state = Shape.of(in.dim(0), units);
        return List.of(out, state, state);
    }

    /** The output mask: the input mask with return_sequences, else none. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return returnSequences ? inputMask : null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Tensor x = inputs[0];
        int batch = x.shape().dim(0);
        if (x.shape().dim(1) == 0) {
            throw new ShapeException(describe(), "input with at least one timestep (batch, timesteps, features)", x.shape());
        }
        Tensor[] initial = initialStates(inputs, batch);
        Tensor mask = ctx.mask();
        if (mask != null && !mask.shape().equals(Shape.of(batch, x.shape().dim(1)))) {
            throw new ShapeException(describe() + " mask", "shape (batch, timesteps) = " + x.shape().take(2), mask.shape());
        }
        Tensor[] out = new RnnLoop(cell, goBackwards, returnSequences, zeroOutputForMask).apply(x,
                kernel.read(), recurrentKernel.read(), bias == null ? null : bias.read(), initial, mask);
        return returnState ? out : new Tensor[] {out[0]};
    }

    /** The initial states [h, c] after the input, checked; null when none were given. */
    private Tensor[] initialStates(Tensor[] inputs, int batch) {
        int given = inputs.length - 1;
        if (given == 0) {
            return null;
        }
        Shape expected = Shape.of(batch, units);
        if (given != 2) {
            Shape first = inputs[1] == null ? Shape.scalar() : inputs[1].shape();
            throw new ShapeException(describe(), "initial_state [h, c]: 2 tensors of shape " + expected, first,
                    given + " initial state tensor(s) were given");
        }
        for (int k = 1; k <= 2; k++) {
            if (inputs[k] == null || !inputs[k].shape().equals(expected)) {
                throw new ShapeException(describe() + " initial_state[" + (k - 1) + "]",
                        "shape " + expected + " (batch, units)", inputs[k] == null ? Shape.scalar() : inputs[k].shape());
            }
        }
        return Arrays.copyOfRange(inputs, 1, 3);
    }

    /**
     * A one-timestep runner over this layer's weights for {@code batch} sequences, for decoders
     * and beam search; states start at zero. The layer must be built.
     */
    public RnnStepper stepper(int batch) {
        if (!isBuilt()) {
            throw new Seq2SeqException(describe() + " must be built before stepper(): call build(shape) or apply it once");
        }
        return new RnnStepper(cell, kernel.value(), recurrentKernel.value(), bias == null ? null : bias.value(), batch);
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig()
                .put("units", units)
                .put("activation", activation)
                .put("recurrent_activation", recurrentActivation)
                .put("use_bias", useBias)
                .put("kernel_initializer", serialize(kernelInitializer))
                .put("recurrent_initializer", serialize(recurrentInitializer))
                .put("bias_initializer", serialize(biasInitializer))
                .put("unit_forget_bias", unitForgetBias)
                .put("dropout", dropout)
                .put("recurrent_dropout", recurrentDropout)
                .put("return_sequences", returnSequences)
                .put("return_state", returnState)
                .put("go_backwards", goBackwards)
                .put("stateful", stateful)
                .put("unroll", unroll)
                .put("zero_output_for_mask", zeroOutputForMask);
    }

    /**
     * An LSTM from a Keras 3 or Keras 2 config. Keras 2 extras (implementation, dtype, null
     * regularizers and constraints, {@code unit_forget_bias: null}) are accepted; unknown keys and
     * non-null regularizers or constraints are a {@link ConfigException}. "hard_sigmoid" means the
     * Keras 3 formula; importers of Keras 2 files switch to {@link Activation#HARD_SIGMOID_KERAS2}.
     */
    public static LSTM fromConfig(LayerConfig c) {
        checkKeys(c);
        LSTM l = new LSTM(c.requireInt(CLS, "units"))
                .activation(c.activation("activation", Activation.TANH))
                .recurrentActivation(c.activation("recurrent_activation", Activation.SIGMOID))
                .useBias(c.getBool(CLS, "use_bias", true))
                .kernelInitializer(initializer(c, "kernel_initializer", Initializers.glorotUniform()))
                .recurrentInitializer(initializer(c, "recurrent_initializer", Initializers.orthogonal(1.0)))
                .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()))
                .unitForgetBias(c.getBool(CLS, "unit_forget_bias", true))
                .dropout(c.getDouble(CLS, "dropout", 0))
                .recurrentDropout(c.getDouble(CLS, "recurrent_dropout", 0))
                .returnSequences(c.getBool(CLS, "return_sequences", false))
                .returnState(c.getBool(CLS, "return_state", false))
                .goBackwards(c.getBool(CLS, "go_backwards", false))
                .stateful(c.getBool(CLS, "stateful", false))
                .unroll(c.getBool(CLS, "unroll", false))
                .zeroOutputForMask(c.getBool(CLS, "zero_output_for_mask", false));
        return applyBase(l, c);
    }

    private static void checkKeys(LayerConfig c) {
        Set<String> unknown = new TreeSet<>();
        for (String k : c.keys()) {
            if (NULL_ONLY.contains(k) && c.has(k)) {
                throw ConfigException.argument(CLS, k, "null (regularizers and constraints are not supported yet)", c.get(k));
            }
            if (!KEYS.contains(k) && !IGNORED.contains(k) && !NULL_ONLY.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.argument(CLS, "config", "made of Keras LSTM arguments", "unknown keys " + unknown);
        }
    }

    private static Initializer initializer(LayerConfig c, String key, Initializer dflt) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return Initializers.fromConfig(s, null);
        }
        if (v instanceof LayerConfig ic && ic.has("class_name")) {
            return Initializers.fromConfig(ic.getString("class_name", null), ic.getConfig("config"));
        }
        throw ConfigException.argument(CLS, key, "an initializer name or {class_name, config}", v);
    }

    private static LayerConfig serialize(Initializer i) {
        return new LayerConfig().put("class_name", i.className()).put("config", i.config());
    }

    private static Initializer require(String argument, Initializer i) {
        if (i == null) {
            throw ConfigException.argument(CLS, argument, "an initializer", null);
        }
        return i;
    }

    private static double rate(String argument, double r) {
        if (!(r >= 0 && r < 1)) {
            throw ConfigException.argument(CLS, argument, "in [0, 1)", r);
        }
        return r;
    }

    /** {@code base} for the whole bias, then ones on the forget-gate slice {@code [u, 2u)}, as Keras's unit_forget_bias. */
    private static Initializer withForgetOnes(Initializer base, int units) {
        return new Initializer() {
            @Override
            public void fill(float[] out, Shape shape, SplittableRandom random) {
                base.fill(out, shape, random);
                Arrays.fill(out, units, 2 * units, 1f);
            }

            @Override
            public String className() {
                return base.className();
            }

            @Override
            public LayerConfig config() {
                return base.config();
            }
        };
    }
}
