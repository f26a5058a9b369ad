package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.TrainingException;
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
 * callbacks. A loss that turns NaN or infinite stops training with a {@link TrainingException}.
 */
final class Trainer {
    private final Model model;

    Trainer(Model model) {
        this.model = model;
    }

    History fit(Tensor x, Tensor y, FitOptions o) {
        Model.Compiled c = requireCompiled("fit");
        checkPair("fit", x, y);
        if (o.sampleWeight != null && o.sampleWeight.shape().dim(0) != x.shape().dim(0)) {
            throw new ShapeException("fit: sample_weight", "(" + x.shape().dim(0) + ", ...) to match x",
                    o.sampleWeight.shape());
        }
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor trainW = o.sampleWeight;
        Tensor valX = o.validationX;
        Tensor valY = o.validationY;
        if (valX != null) {
            checkPair("fit: validation_data", valX, valY);
        } else if (o.validationSplit > 0) {
            int n = x.shape().dim(0);
            int split = (int) (n * (1 - o.validationSplit));
            if (split == 0 || split == n) {
                throw new ShapeException("fit: validation_split " + o.validationSplit,
                        "enough samples to leave both parts non-empty", x.shape());
            }
            trainX = x.slice(0, split);
            trainY = y.slice(0, split);
            trainW = trainW == null ? null : trainW.slice(0, split);
            valX = x.slice(split, n);
            valY = y.slice(split, n);
        }
        int n = trainX.shape().dim(0);
        int steps = (n + o.batchSize - 1) / o.batchSize;
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks);   // Keras order: user callbacks, History, progress bar
        callbacks.add(history);
        if (o.verbose > 0) {
            callbacks.add(new ProgbarLogger(System.out, o.verbose));
        }
        callbacks.forEach(cb -> cb.setModel(model));
        SplittableRandom random = model.trainingStream();
        List<Variable> vars = model.trainableWeights();
        callbacks.forEach(cb -> cb.onTrainBegin(o.epochs, steps));
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int epoch = 0; epoch < o.epochs; epoch++) {
            final int e = epoch;
            callbacks.forEach(cb -> cb.onEpochBegin(e));
            int[] order = order(n, o.shuffle, random);
            double lossSum = 0;
            int seen = 0;
            c.metrics().forEach(Metric::reset);
            for (int step = 0; step < steps; step++) {
                int from = step * o.batchSize;
                int to = Math.min(n, from + o.batchSize);
                Tensor xb = trainX.gather(order, from, to);
                Tensor yb = trainY.gather(order, from, to);
                Tensor wb = trainW == null ? null : trainW.gather(order, from, to);
                float loss = trainStep(c, vars, xb, yb, wb, random);
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
            if (valX != null) {
                logs.putAll(prefixed(evaluate(valX, valY, null, o.batchSize)));
            }
            final Map<String, Double> l = logs;
            callbacks.forEach(cb -> cb.onEpochEnd(e, l));
            if (callbacks.stream().anyMatch(Callback::stopTraining)) {
                break;
            }
        }
        final Map<String, Double> last = logs;
        callbacks.forEach(cb -> cb.onTrainEnd(last));
        return history;
    }

    private float trainStep(Model.Compiled c, List<Variable> vars, Tensor xb, Tensor yb, Tensor wb,
                            SplittableRandom random) {
        List<Tensor> sources = new ArrayList<>(vars.size());
        vars.forEach(v -> sources.add(v.value()));
        Model.Forward f;
        float loss;
        List<Tensor> grads = new ArrayList<>(vars.size());
        try (Tape tape = Tape.record()) {
            f = model.forward(CallContext.training(random), xb);
            Tensor lossT = c.loss().call(yb, f.outputs()[0], wb, f.mask());
            loss = lossT.item();
            if (Float.isFinite(loss)) {
                Map<Tensor, Tensor> g = tape.gradient(lossT, sources);
                sources.forEach(s -> grads.add(g.get(s)));
            }
        }
        if (Float.isFinite(loss)) {
            c.optimizer().apply(vars, grads);
            for (Metric m : c.metrics()) {
                m.update(yb, f.outputs()[0], wb, f.mask());
            }
        }
        return loss;
    }

    Map<String, Double> evaluate(Tensor x, Tensor y, Tensor sampleWeight, int batchSize) {
        Model.Compiled c = requireCompiled("evaluate");
        checkPair("evaluate", x, y);
        int n = x.shape().dim(0);
        double lossSum = 0;
        c.metrics().forEach(Metric::reset);
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Tensor xb = x.slice(from, to);
            Tensor yb = y.slice(from, to);
            Tensor wb = sampleWeight == null ? null : sampleWeight.slice(from, to);
            Model.Forward f = model.forward(CallContext.inference(), xb);
            lossSum += (double) c.loss().call(yb, f.outputs()[0], wb, f.mask()).item() * (to - from);
            for (Metric m : c.metrics()) {
                m.update(yb, f.outputs()[0], wb, f.mask());
            }
        }
        Map<String, Double> result = logs(lossSum / Math.max(1, n), c.metrics());
        c.metrics().forEach(Metric::reset);
        return result;
    }

    Tensor predict(Tensor x, int batchSize) {
        int n = x.shape().dim(0);
        Tensor out = null;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Tensor yb = model.forward(CallContext.inference(), x.slice(from, to)).outputs()[0];
            if (out == null) {
                out = Tensor.zeros(yb.shape().withBatch(n));
            }
            int row = yb.size() / (to - from);
            System.arraycopy(yb.data(), 0, out.data(), from * row, yb.size());
        }
        return out != null ? out : Tensor.zeros(model.computeOutputShape(x.shape()).withBatch(0));
    }

    private Model.Compiled requireCompiled(String what) {
        Model.Compiled c = model.compiled();
        if (c == null) {
            throw new Seq2SeqException(model.describe() + ": " + what + " needs a compiled model; call compile(optimizer, loss, metrics) first");
        }
        return c;
    }

    private static void checkPair(String what, Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new Seq2SeqException(what + ": both x and y are required");
        }
        if (x.rank() == 0 || y.rank() == 0 || x.shape().dim(0) != y.shape().dim(0)) {
            throw new ShapeException(what + ": y", "the same number of samples as x " + x.shape() + " on axis 0",
                    y.shape());
        }
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
            logs.put(m.name(), (double) m.result());
        }
        return logs;
    }

    private static Map<String, Double> prefixed(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put("val_" + k, v));
        return out;
    }

}
