package org.seq2seq4j.models;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.io.Assets;
import org.seq2seq4j.io.ModelFile;
import org.seq2seq4j.io.WeightsFile;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.metrics.Metric;
import org.seq2seq4j.metrics.Metrics;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.optimizers.Optimizers;
import org.seq2seq4j.tensor.Tensor;

/**
 * A trainable network of layers, as Keras's {@code Model}: compile with an optimizer, a loss and
 * metrics, then fit, evaluate and predict. A model is itself a layer. Training loops live in
 * {@link Trainer}, the summary table in {@link Summary}.
 *
 * <p>Thread safety: {@link #predict}, {@link #predictAll} and {@link #predictClasses} may be called
 * on one model from several threads at once, the first call on a model not built yet included;
 * each call gives, bit for bit, what it gives alone. The kernels of one call at a time use the
 * worker threads ({@link org.seq2seq4j.kernels.Gemms#threads()}); the others run their parts on
 * their own thread, split the same way. Not safe at the same time as predict, nor with each other:
 * whatever changes the model or its compiled state ({@code fit}, {@code trainOnBatch},
 * {@code evaluate}, whose metrics accumulate, {@code compile}, {@code setWeights},
 * {@code loadWeights}, {@code resetStates}), {@link org.seq2seq4j.kernels.Gemms#setThreads}, and
 * predict on a model with {@code stateful} layers (each call carries its states to the next).
 *
 * <pre>{@code
 * model.compile("rmsprop", "categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, new FitOptions().batchSize(64).epochs(10).validationSplit(0.2));
 * Map<String, Double> scores = model.evaluate(xTest, yTest, new EvaluateOptions().sampleWeight(w));
 * Tensor probabilities = model.predict(xTest, new PredictOptions().batchSize(256).verbose(0));
 * }</pre>
 */
public abstract class Model extends Layer {
    private Compiled compiled;
    private TrainingState trainingState;
    private final Assets assets = new Assets();

    /** The outputs of a forward pass and, per output, the mask that reaches the loss (or null). */
    public record Forward(Tensor[] outputs, Tensor[] masks) {
    }

    /** Optimizer, loss and metrics set by {@code compile}. */
    record Compiled(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    }

    /** A functional model from symbolic inputs to outputs, as Keras's {@code Model(inputs, outputs)}. */
    public static Functional of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        return new Functional(inputs, outputs);
    }

    /** A functional model with one input and one output. */
    public static Functional of(KerasTensor input, KerasTensor output) {
        return new Functional(List.of(input), List.of(output));
    }

    /** Runs the model and also returns the output masks. */
    public abstract Forward forward(CallContext ctx, Tensor... inputs);

    /** The layers in order. */
    public abstract List<Layer> layers();

    /** Number of input tensors the model takes. */
    public abstract int inputCount();

    /** Number of output tensors the model gives. */
    public abstract int outputCount();

    /** The rows of the summary table: a header, then one row per layer. */
    abstract List<String[]> summaryRows();

    @Override
    protected final Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        return forward(ctx, inputs).outputs();
    }

    /** Resets the states of every stateful layer (Keras's {@code reset_states}). */
    @Override
    public void resetStates() {
        layers().forEach(Layer::resetStates);
    }

    /** The layer with this name; unknown names are a {@link org.seq2seq4j.ConfigException}. */
    public Layer getLayer(String layerName) {
        for (Layer l : layers()) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        throw org.seq2seq4j.ConfigException.argument(describe(), "layer name", "one of "
                + layers().stream().map(Layer::name).toList(), "'" + layerName + "'");
    }

    /** Sets the optimizer, the loss and the metrics used by fit and evaluate. */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        this.compiled = new Compiled(optimizer, loss, List.of(metrics));
        return this;
    }

    /** As {@link #compile(Optimizer, Loss, Metric...)} with Keras names, e.g. {@code ("adam", "mse", "mae")}. */
    public Model compile(String optimizer, String loss, String... metrics) {
        Loss l = Losses.get(loss);
        Metric[] ms = new Metric[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            ms[i] = Metrics.get(metrics[i], l);
        }
        return compile(Optimizers.get(optimizer), l, ms);
    }

    /** The optimizer set by compile (its state can be saved and restored), or null. */
    public Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer();
    }

    /** A random stream for one trainOnBatch call, split from this model's seeded stream. */
    java.util.SplittableRandom trainingStream() {
        return random().split();
    }

    /**
     * The stream that shuffles and draws dropout in training epoch {@code epoch} (0-based): the
     * {@code epoch + 1}-th split of a stream seeded with {@link TrainingState#seed()}, so it depends on
     * the seed and the epoch only, and a model restored from a checkpoint draws what the
     * uninterrupted run would have.
     */
    java.util.SplittableRandom epochStream(int epoch) {
        java.util.SplittableRandom root = new java.util.SplittableRandom(trainingState().seed());
        java.util.SplittableRandom s = root.split();
        for (int e = 0; e < epoch; e++) {
            s = root.split();
        }
        return s;
    }

    /** The training seed and the epochs completed; the seed is drawn from this model's stream on first use. */
    public TrainingState trainingState() {
        if (trainingState == null) {
            trainingState = new TrainingState(random().nextLong(), 0);
        }
        return trainingState;
    }

    /** Restores a {@link TrainingState}, e.g. from a checkpoint. */
    public void trainingState(TrainingState state) {
        this.trainingState = java.util.Objects.requireNonNull(state, "state");
    }

    /** The loss set by compile, or null. */
    public Loss loss() {
        return compiled == null ? null : compiled.loss();
    }

    /** The metrics set by compile (empty when not compiled). */
    public List<Metric> metrics() {
        return compiled == null ? List.of() : compiled.metrics();
    }

    /** The named entries saved with the model in native files (vocabularies, tokenizer and decoding settings). */
    public Assets assets() {
        return assets;
    }

    Compiled compiled() {
        return compiled;
    }

    /** Trains on {@code (x, y)}; returns the per-epoch loss and metrics. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /** Trains a model with several inputs (e.g. encoder and decoder input) and one output. */
    public History fit(List<Tensor> x, Tensor y, FitOptions options) {
        return fit(x, List.of(y), options);
    }

    /** Trains a model with several inputs and outputs; the loss is summed over the outputs. */
    public History fit(List<Tensor> x, List<Tensor> y, FitOptions options) {
        return new Trainer(this).fit(x, y, options);
    }

    /** Trains with a batch size and a number of epochs, other options at their defaults. */
    public History fit(Tensor x, Tensor y, int batchSize, int epochs) {
        return fit(x, y, new FitOptions().batchSize(batchSize).epochs(epochs));
    }

    /** One optimizer step on exactly this batch (Keras's {@code train_on_batch}); returns the loss before the step. */
    public float trainOnBatch(List<Tensor> x, List<Tensor> y) {
        return new Trainer(this).trainOnBatch(x, y);
    }

    /**
     * The gradients {@link #trainOnBatch} would apply for exactly this batch, without applying
     * them: the weights, the optimizer and the metrics are unchanged (dropout still draws from the
     * model's training stream). For data-parallel training, where shards' gradients are summed
     * before one optimizer step; see {@link Gradients}.
     */
    public Gradients gradients(List<Tensor> x, List<Tensor> y) {
        return new Trainer(this).gradients(x, y);
    }

    /**
     * Loss and metrics over {@code (x, y)} with Keras's {@code evaluate} arguments: batch size,
     * verbose progress on standard output, per-sample or per-timestep sample weights.
     */
    public Map<String, Double> evaluate(Tensor x, Tensor y, EvaluateOptions options) {
        return evaluate(List.of(x), List.of(y), options);
    }

    /** As {@link #evaluate(Tensor, Tensor, EvaluateOptions)} for a model with several inputs and one output. */
    public Map<String, Double> evaluate(List<Tensor> x, Tensor y, EvaluateOptions options) {
        return evaluate(x, List.of(y), options);
    }

    /** As {@link #evaluate(Tensor, Tensor, EvaluateOptions)} for a model with several inputs and outputs. */
    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, EvaluateOptions options) {
        return new Trainer(this).evaluate(x, y, options);
    }

    /** Loss and metrics over {@code (x, y)} in batches of 32, silently (verbose 0). */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics over {@code (x, y)} in batches of {@code batchSize}, silently (verbose 0). */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(List.of(x), List.of(y), batchSize);
    }

    /** Loss and metrics for a model with several inputs or outputs, silently (verbose 0). */
    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize) {
        return evaluate(x, y, new EvaluateOptions().batchSize(batchSize).verbose(0));
    }

    /**
     * The model's (first) output for {@code x} (inference mode) with Keras's {@code predict}
     * arguments: batch size and verbose progress on standard output.
     */
    public Tensor predict(Tensor x, PredictOptions options) {
        return predictAll(List.of(x), options).get(0);
    }

    /** Every output of the model for its inputs {@code x} (inference mode). */
    public List<Tensor> predictAll(List<Tensor> x, PredictOptions options) {
        return new Trainer(this).predict(x, options);
    }

    /** The model's (first) output for {@code x}, computed in batches of 32, silently (verbose 0). */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** The model's (first) output for {@code x}, computed in batches of {@code batchSize}, silently (verbose 0). */
    public Tensor predict(Tensor x, int batchSize) {
        return predictAll(List.of(x), batchSize).get(0);
    }

    /** Every output of the model for its inputs {@code x}, computed in batches, silently (verbose 0). */
    public List<Tensor> predictAll(List<Tensor> x, int batchSize) {
        return predictAll(x, new PredictOptions().batchSize(batchSize).verbose(0));
    }

    /** The index of the largest value on the last axis of {@link #predict}, e.g. the class or token id. */
    public int[] predictClasses(Tensor x) {
        Tensor p = predict(x);
        int k = p.shape().last();
        int[] out = new int[p.size() / k];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (p.data()[r * k + j] > p.data()[r * k + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /**
     * Saves the weights (not the optimizer state) to a native {@code .weights.s2s} file, atomically;
     * see {@link WeightsFile} for weights plus optimizer state.
     */
    public void saveWeights(Path file) {
        WeightsFile.save(this, file);
    }

    /** Loads weights saved by {@link #saveWeights}; the model must be built with the same layers. */
    public void loadWeights(Path file) {
        WeightsFile.load(this, file);
    }

    /**
     * Saves the whole model to a native {@code .s2s} file, atomically: config, weights, optimizer and
     * training state, and {@link #assets()}; {@link org.seq2seq4j.io.Models#load} reads it back.
     */
    public void save(Path file) {
        ModelFile.save(this, file);
    }

    /** Prints the Keras summary table to standard output. */
    public void summary() {
        summary(System.out);
    }

    /** Prints the Keras summary table. */
    public void summary(PrintStream out) {
        out.print(Summary.render(this));
    }
}
