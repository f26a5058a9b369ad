package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.TrainingException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.callbacks.Callback;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.callbacks.ProgbarLogger;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.metrics.Metric;
import org.seq2seq4j.tensor.Tensor;

/**
 * The loops behind {@link Model#fit}, {@link Model#evaluate} and {@link Model#predict}: mini-batches,
 * shuffling, one tape per training step, the optimizer update, metric bookkeeping, validation and
 * callbacks. Inputs and targets are lists (one tensor per model input / output); the loss is summed
 * over the outputs and the metrics follow the first output. A loss that turns NaN or infinite stops
 * training with a {@link TrainingException}.
 */
final class Trainer {
    private final Model model;

    Trainer(Model model) {
        this.model = model;
    }

    /** A batch of samples: inputs, targets and optional sample weights. */
    private record Batch(Tensor[] x, Tensor[] y, Tensor weight) {
        static Batch of(List<Tensor> x, List<Tensor> y, Tensor w, int[] rows, int from, int to) {
            Tensor[] xb = new Tensor[x.size()];
            Tensor[] yb = new Tensor[y.size()];
            for (int i = 0; i < xb.length; i++) {
                xb[i] = x.get(i).gather(rows, from, to);
            }
            for (int i = 0; i < yb.length; i++) {
                yb[i] = y.get(i).gather(rows, from, to);
            }
            return new Batch(xb, yb, w == null ? null : w.gather(rows, from, to));
        }
    }

    History fit(List<Tensor> x, List<Tensor> y, FitOptions o) {
        Model.Compiled c = requireCompiled("fit");
        int n = checkData("fit", x, y);
        checkSampleWeight("fit", o.sampleWeight, n);
        List<Tensor> trainX = x;
        List<Tensor> trainY = y;
        Tensor trainW = o.sampleWeight;
        List<Tensor> valX = o.validationX;
        List<Tensor> valY = o.validationY;
        if (valX != null) {
            checkData("fit: validation_data", valX, valY);
        } else if (o.validationSplit > 0) {
            int split = (int) (n * (1 - o.validationSplit));
            if (split == 0 || split == n) {
                throw new ShapeException("fit: validation_split " + o.validationSplit,
                        "enough samples to leave both parts non-empty", x.get(0).shape());
            }
            trainX = slices(x, 0, split);
            trainY = slices(y, 0, split);
            trainW = trainW == null ? null : trainW.slice(0, split);
            valX = slices(x, split, n);
            valY = slices(y, split, n);
        }
        int rows = trainX.get(0).shape().dim(0);
        int steps = (rows + o.batchSize - 1) / o.batchSize;
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks);   // Keras order: user callbacks, History, progress bar
        callbacks.add(history);
        if (o.verbose > 0) {
            callbacks.add(new ProgbarLogger(System.out, o.verbose));
        }
        callbacks.forEach(cb -> cb.setModel(model));
        List<Variable> vars = model.trainableWeights();
        callbacks.forEach(cb -> cb.onTrainBegin(o.epochs, steps));
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
            final int e = epoch;
            callbacks.forEach(cb -> cb.onEpochBegin(e));
            SplittableRandom random = model.epochStream(epoch);
            int[] order = order(rows, o.shuffle, random);
            double lossSum = 0;
            int seen = 0;
            c.metrics().forEach(Metric::reset);
            for (int step = 0; step < steps; step++) {
                int from = step * o.batchSize;
                int to = Math.min(rows, from + o.batchSize);
                float loss = trainStep(c, vars, Batch.of(trainX, trainY, trainW, order, from, to), random);
                if (!Float.isFinite(loss)) {
                    throw new TrainingException("fit: loss must be finite but was " + loss + " at epoch "
                            + (epoch + 1) + ", batch " + (step + 1)
                            + "; lower the learning rate, set clipnorm, or check the data for NaN");
                }
                lossSum += (double) loss * (to - from);
                seen += to - from;
                logs = logs(lossSum / seen, c.metrics());
                final int s = step;
                final Map<String, Double> l = logs;
                callbacks.forEach(cb -> cb.onBatchEnd(s, l));
            }
            final Map<String, Double> l = logs;
            if (valX != null) {
                evaluate(valX, valY, null, o.batchSize, 0).forEach((k, v) -> l.put("val_" + k, v));
            }
            model.trainingState(new TrainingState(model.trainingState().seed(), epoch + 1));
            callbacks.forEach(cb -> cb.onEpochEnd(e, l));
            if (callbacks.stream().anyMatch(Callback::stopTraining)) {
                break;
            }
        }
        final Map<String, Double> last = logs;
        callbacks.forEach(cb -> cb.onTrainEnd(last));
        return history;
    }

    /** One optimizer step on one batch, as Keras's {@code train_on_batch}; returns the loss. */
    float trainOnBatch(List<Tensor> x, List<Tensor> y) {
        Model.Compiled c = requireCompiled("trainOnBatch");
        checkData("trainOnBatch", x, y);
        float loss = trainStep(c, model.trainableWeights(),
                new Batch(x.toArray(new Tensor[0]), y.toArray(new Tensor[0]), null), model.trainingStream());
        if (!Float.isFinite(loss)) {
            throw new TrainingException("trainOnBatch: loss must be finite but was " + loss);
        }
        return loss;
    }

    /** The gradients of the loss on one batch, not applied; a non-finite loss is a {@link TrainingException}. */
    Gradients gradients(List<Tensor> x, List<Tensor> y) {
        Model.Compiled c = requireCompiled("gradients");
        int n = checkData("gradients", x, y);
        Batch b = new Batch(x.toArray(new Tensor[0]), y.toArray(new Tensor[0]), null);
        Step s = backward(c, model.trainableWeights(), b, model.trainingStream());
        if (!Float.isFinite(s.loss())) {
            throw new TrainingException("gradients: loss must be finite but was " + s.loss());
        }
        return new Gradients(model.trainableWeights(), s.grads(), s.loss(), n);
    }

    /** The forward pass, loss and (when the loss is finite) gradients of one training step. */
    private record Step(Model.Forward forward, float loss, List<Tensor> grads) {
    }

    private float trainStep(Model.Compiled c, List<Variable> vars, Batch b, SplittableRandom random) {
        Step s = backward(c, vars, b, random);
        if (Float.isFinite(s.loss())) {
            c.optimizer().apply(vars, s.grads());
            updateMetrics(c, b, s.forward());
        }
        return s.loss();
    }

    private Step backward(Model.Compiled c, List<Variable> vars, Batch b, SplittableRandom random) {
        List<Tensor> sources = new ArrayList<>(vars.size());
        vars.forEach(v -> sources.add(v.value()));
        List<Tensor> grads = new ArrayList<>(vars.size());
        try (Tape tape = Tape.record()) {
            Model.Forward f = model.forward(CallContext.training(random), b.x());
            Tensor lossT = totalLoss(c, b, f);
            float loss = lossT.item();
            if (Float.isFinite(loss)) {
                Map<Tensor, Tensor> g = tape.gradient(lossT, sources);
                sources.forEach(s -> grads.add(g.get(s)));
            }
            return new Step(f, loss, grads);
        }
    }

    /** The compiled loss of every output, summed. */
    private static Tensor totalLoss(Model.Compiled c, Batch b, Model.Forward f) {
        Tensor[] parts = new Tensor[b.y().length];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = c.loss().call(b.y()[k], f.outputs()[k], b.weight(), f.masks()[k]);
        }
        return parts.length == 1 ? parts[0] : Ops.add(parts);
    }

    private static void updateMetrics(Model.Compiled c, Batch b, Model.Forward f) {
        for (Metric m : c.metrics()) {
            m.update(b.y()[0], f.outputs()[0], b.weight(), f.masks()[0]);
        }
    }

    /** Loss and metrics over {@code (x, y)}, as Keras's {@code evaluate}. */
    Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, EvaluateOptions o) {
        return evaluate(x, y, o.sampleWeight, o.batchSize, o.verbose);
    }

    private Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, Tensor sampleWeight, int batchSize,
                                         int verbose) {
        Model.Compiled c = requireCompiled("evaluate");
        int n = checkData("evaluate", x, y);
        checkSampleWeight("evaluate", sampleWeight, n);
        int[] rows = order(n, false, null);
        ProgbarLogger bar = progress(verbose, n, batchSize);
        double lossSum = 0;
        c.metrics().forEach(Metric::reset);
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Batch b = Batch.of(x, y, sampleWeight, rows, from, to);
            Model.Forward f = model.forward(CallContext.inference(), b.x());
            lossSum += (double) totalLoss(c, b, f).item() * (to - from);   // Keras's loss tracker: by batch size
            updateMetrics(c, b, f);
            if (bar != null) {
                bar.onBatchEnd(from / batchSize, logs(lossSum / to, c.metrics()));
            }
        }
        Map<String, Double> result = logs(lossSum / Math.max(1, n), c.metrics());
        if (bar != null) {
            bar.onEpochEnd(0, result);
        }
        c.metrics().forEach(Metric::reset);
        return result;
    }

    /** Every output of the model for {@code x}, in batches (inference mode), as Keras's {@code predict}. */
    List<Tensor> predict(List<Tensor> x, PredictOptions o) {
        int n = checkInputs("predict", x);
        if (n > 0) {
            synchronized (model) {
                // a model not built yet is built by the first call; concurrent first calls must not both
                // build it, and this lock publishes the weights to every later caller
                model.build(x.get(0).shape().withBatch(Math.min(n, o.batchSize)));
            }
        }
        int[] rows = order(n, false, null);
        ProgbarLogger bar = progress(o.verbose, n, o.batchSize);
        Tensor[] out = null;
        for (int from = 0; from < n; from += o.batchSize) {
            int to = Math.min(n, from + o.batchSize);
            Tensor[] yb = model.forward(CallContext.inference(), Batch.of(x, List.of(), null, rows, from, to).x()).outputs();
            if (out == null) {
                out = new Tensor[yb.length];
                for (int k = 0; k < yb.length; k++) {
                    out[k] = Tensor.zeros(yb[k].shape().withBatch(n));
                }
            }
            for (int k = 0; k < yb.length; k++) {
                int row = yb[k].size() / (to - from);
                System.arraycopy(yb[k].data(), 0, out[k].data(), from * row, yb[k].size());
            }
            if (bar != null) {
                bar.onBatchEnd(from / o.batchSize, Map.of());
            }
        }
        if (out == null) {
            throw new ShapeException("predict: x", "at least one sample", x.get(0).shape());
        }
        if (bar != null) {
            bar.onEpochEnd(0, Map.of());
        }
        return List.of(out);
    }

    /** The progress bar of one evaluate or predict pass on standard output, or null when verbose is 0. */
    private static ProgbarLogger progress(int verbose, int samples, int batchSize) {
        return verbose == 0 ? null : ProgbarLogger.pass(System.out, verbose, (samples + batchSize - 1) / batchSize);
    }

    /** Sample weights, when given, have one entry (or one row of per-timestep weights) per sample. */
    private static void checkSampleWeight(String what, Tensor w, int samples) {
        if (w != null && (w.rank() == 0 || w.shape().dim(0) != samples)) {
            throw new ShapeException(what + ": sample_weight", "(" + samples + ",) per sample or (" + samples
                    + ", timesteps) per timestep, to match x", w.shape());
        }
    }

    private Model.Compiled requireCompiled(String what) {
        Model.Compiled c = model.compiled();
        if (c == null) {
            throw new Seq2SeqException(model.describe() + ": " + what
                    + " needs a compiled model; call compile(optimizer, loss, metrics) first");
        }
        return c;
    }

    /** Checks the inputs against the model's input count and returns the number of samples. */
    private int checkInputs(String what, List<Tensor> x) {
        int expected = model.inputCount();
        if (x == null || x.size() != expected || x.stream().anyMatch(java.util.Objects::isNull)) {
            throw new Seq2SeqException(what + ": " + model.describe() + " takes " + expected + " input tensor(s) but got "
                    + (x == null ? "none" : x.size()));
        }
        int n = x.get(0).rank() == 0 ? -1 : x.get(0).shape().dim(0);
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).rank() == 0 || x.get(i).shape().dim(0) != n) {
                throw new ShapeException(what + ": x[" + i + "]", "the same number of samples as x[0] "
                        + x.get(0).shape() + " on axis 0", x.get(i).shape());
            }
        }
        return n;
    }

    private int checkData(String what, List<Tensor> x, List<Tensor> y) {
        int n = checkInputs(what, x);
        int outputs = model.outputCount();
        if (y == null || y.size() != outputs || y.stream().anyMatch(java.util.Objects::isNull)) {
            throw new Seq2SeqException(what + ": " + model.describe() + " has " + outputs + " output(s), so y needs "
                    + outputs + " tensor(s) but got " + (y == null ? "none" : y.size()));
        }
        for (int k = 0; k < y.size(); k++) {
            if (y.get(k).rank() == 0 || y.get(k).shape().dim(0) != n) {
                throw new ShapeException(what + ": y" + (y.size() > 1 ? "[" + k + "]" : ""),
                        "the same number of samples as x " + x.get(0).shape() + " on axis 0", y.get(k).shape());
            }
        }
        return n;
    }

    private static List<Tensor> slices(List<Tensor> ts, int from, int to) {
        List<Tensor> out = new ArrayList<>();
        ts.forEach(t -> out.add(t.slice(from, to)));
        return out;
    }

    private static int[] order(int n, boolean shuffle, SplittableRandom random) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    private static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return logs;
    }
}
