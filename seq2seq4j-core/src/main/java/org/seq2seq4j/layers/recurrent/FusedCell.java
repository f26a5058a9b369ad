package org.seq2seq4j.layers.recurrent;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.tensor.Shape;

/**
 * The Keras cells with a fused form ({@code LSTMCell}, {@code GRUCell}, {@code SimpleRNNCell}):
 * the arguments and weights of one gated recurrent step, run over a whole sequence as one op by
 * {@link FusedRunner} rather than step by step. Holds what every
 * Keras cell has (units, activation, use_bias, the three initializers, dropout and
 * recurrent_dropout); subclasses add their own arguments and supply the fused step math
 * ({@link FusedStep}). Weights are created by the layer that runs the cell, under the cell's name:
 * {@code kernel (features, G·u)}, {@code recurrent_kernel (u, G·u)}, {@code bias}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(new GRUCell(4).dropout(0.1)).returnSequences(true);
 * Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));   // (2, 5, 4)
 * }</pre>
 *
 * @param <C> the concrete cell type, returned by the fluent setters
 */
public abstract class FusedCell<C extends FusedCell<C>> extends RecurrentCell {
    private final int units;
    private final int gates;
    private final int stateCount;
    private ActivationFunction activation = ActivationFunction.TANH;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.orthogonal(1.0);
    private Initializer biasInitializer = Initializers.zeros();
    private double dropout;
    private double recurrentDropout;
    private FusedStep math;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    protected FusedCell(int units, int gates, int stateCount) {
        if (units <= 0) {
            throw ConfigException.argument(getClass().getSimpleName(), "units", "a positive integer", units);
        }
        this.units = units;
        this.gates = gates;
        this.stateCount = stateCount;
    }

    /** The concrete cell, for fluent setters. */
    protected abstract C self();

    /** The fused step math for this cell's arguments; called once, at build. */
    protected abstract FusedStep createMath();

    /** Every state is {@code (batch, units)}; state 0 is {@code h}, the output. */
    @Override
    public int[] stateSizes() {
        int[] s = new int[stateCount];
        java.util.Arrays.fill(s, units);
        return s;
    }

    @Override
    public int stateCount() {
        return stateCount;
    }

    /** The output is {@code h}. */
    @Override
    public int outputSize() {
        return units;
    }

    @Override
    public C name(String n) {
        super.name(n);
        return self();
    }

    public int units() {
        return units;
    }

    /** Number of gates {@code G}: the kernel is {@code (features, G·u)}. */
    public int gates() {
        return gates;
    }

    public ActivationFunction activation() {
        return activation;
    }

    /** Activation of the candidate (and of the LSTM cell output); default tanh; must be elementwise. */
    public C activation(ActivationFunction a) {
        checkNotBuilt("activation");
        activation = LstmStep.elementwise(className(), "activation", a);
        return self();
    }

    /** As {@code activation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public C activation(String kerasName) {
        return activation(ActivationFunction.fromKerasName(kerasName));
    }

    public boolean useBias() {
        return useBias;
    }

    public C useBias(boolean b) {
        checkNotBuilt("useBias");
        useBias = b;
        return self();
    }

    public C kernelInitializer(Initializer i) {
        checkNotBuilt("kernelInitializer");
        kernelInitializer = require("kernel_initializer", i);
        return self();
    }

    public C recurrentInitializer(Initializer i) {
        checkNotBuilt("recurrentInitializer");
        recurrentInitializer = require("recurrent_initializer", i);
        return self();
    }

    public C biasInitializer(Initializer i) {
        checkNotBuilt("biasInitializer");
        biasInitializer = require("bias_initializer", i);
        return self();
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public double dropout() {
        return dropout;
    }

    /** Fraction of the inputs dropped in training calls, in [0, 1); one mask per sequence. */
    public C dropout(double rate) {
        checkNotBuilt("dropout");
        dropout = rate("dropout", rate);
        return self();
    }

    public double recurrentDropout() {
        return recurrentDropout;
    }

    /** Fraction of {@code h} dropped before the recurrent product in training calls, in [0, 1). */
    public C recurrentDropout(double rate) {
        checkNotBuilt("recurrentDropout");
        recurrentDropout = rate("recurrent_dropout", rate);
        return self();
    }

    /** Creates {@code kernel}, {@code recurrent_kernel} and {@code bias} for inputs of {@code features} values per step. */
    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory weights) {
        kernel = weights.add("kernel", Shape.of(features, gates * units), kernelInitializer);
        recurrentKernel = weights.add("recurrent_kernel", Shape.of(units, gates * units), recurrentInitializer);
        if (useBias) {
            bias = weights.add("bias", biasShape(), initialBias());
        }
        math = createMath();
    }

    /** Shape of the bias; default {@code (G·u)}. */
    protected Shape biasShape() {
        return Shape.of(gates * units);
    }

    /** The initializer the bias is built with; default {@link #biasInitializer()}. */
    protected Initializer initialBias() {
        return biasInitializer;
    }

    /** The step math (after build). */
    public FusedStep math() {
        requireBuilt();
        return math;
    }

    public Variable kernel() {
        requireBuilt();
        return kernel;
    }

    public Variable recurrentKernel() {
        requireBuilt();
        return recurrentKernel;
    }

    /** The bias, or null without one. */
    public Variable bias() {
        requireBuilt();
        return bias;
    }

    /** Runs fused: the step maths over whole-sequence products, with this call's dropout masks. */
    @Override
    StepProgram program(boolean training, SplittableRandom random, int batch, int features) {
        RnnDropout d = training ? drawDropout(random, batch, features) : RnnDropout.NONE;
        return new FusedProgram(math(), kernel(), recurrentKernel(), bias(), d);
    }

    @Override
    RecurrentStepper stepper(int batch, int features) {
        return new RnnStepper(math(), kernel().value(), recurrentKernel().value(), bias == null ? null : bias.value(), batch);
    }

    /** Fused cells run as a whole sequence ({@link FusedProgram}), never through this method. */
    @Override
    protected final void forward(StepBuffers step) {
        throw new UnsupportedOperationException(describe() + " runs fused over whole sequences");
    }

    /** Fused cells run as a whole sequence ({@link FusedProgram}), never through this method. */
    @Override
    protected final void backward(StepBuffers step) {
        throw new UnsupportedOperationException(describe() + " runs fused over whole sequences");
    }

    /**
     * The dropout masks of one training call. As Keras 3: with recurrent dropout every gate draws
     * its own masks (implementation 1), otherwise one input mask serves all gates.
     */
    public RnnDropout drawDropout(SplittableRandom random, int batch, int features) {
        int count = recurrentDropout > 0 ? gates : 1;
        return RnnDropout.draw(random, batch, features, units, count, dropout, recurrentDropout);
    }

    /** The Keras config: name, trainable, the common arguments and the subclass's ({@link #putOwnConfig}). */
    @Override
    public LayerConfig getConfig() {
        LayerConfig c = super.getConfig().put("units", units).put("activation", activation);
        putOwnConfig(c);
        return c.put("use_bias", useBias)
                .put("kernel_initializer", Layers.initializerConfig(kernelInitializer))
                .put("recurrent_initializer", Layers.initializerConfig(recurrentInitializer))
                .put("bias_initializer", Layers.initializerConfig(biasInitializer))
                .put("dropout", dropout)
                .put("recurrent_dropout", recurrentDropout);
    }

    /** Adds the subclass's own arguments to {@code c}. */
    protected abstract void putOwnConfig(LayerConfig c);

    /**
     * Reads the arguments of a Keras config into this cell (Keras 3 defaults for absent keys),
     * the common ones and then the subclass's ({@link #applyOwnConfig}); not the name or units.
     */
    public C applyConfig(LayerConfig c) {
        String cls = className();
        activation(c.activation("activation", ActivationFunction.TANH))
                .useBias(c.getBool(cls, "use_bias", true))
                .kernelInitializer(Layers.initializer(c, "kernel_initializer").orElse(Initializers.glorotUniform()))
                .recurrentInitializer(Layers.initializer(c, "recurrent_initializer").orElse(Initializers.orthogonal(1.0)))
                .biasInitializer(Layers.initializer(c, "bias_initializer").orElse(Initializers.zeros()))
                .dropout(c.getDouble(cls, "dropout", 0))
                .recurrentDropout(c.getDouble(cls, "recurrent_dropout", 0));
        applyOwnConfig(c);
        return self();
    }

    /** Reads the subclass's own arguments of {@code c}. */
    protected abstract void applyOwnConfig(LayerConfig c);

    /** Keras keys of the common arguments. */
    public static Set<String> commonKeys() {
        return Set.of("units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                "bias_initializer", "dropout", "recurrent_dropout");
    }

    /** Keras keys of this cell's own arguments. */
    public abstract Set<String> ownKeys();

    private Initializer require(String argument, Initializer i) {
        if (i == null) {
            throw ConfigException.argument(className(), argument, "an initializer", null);
        }
        return i;
    }

    private double rate(String argument, double r) {
        if (!(r >= 0 && r < 1)) {
            throw ConfigException.argument(className(), argument, "in [0, 1)", r);
        }
        return r;
    }
}
