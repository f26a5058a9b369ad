package org.seq2seq4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.models.Gradients;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Tensor;

/**
 * One partition's share of one synchronous iteration, run on an executor: from the broadcast
 * weights, either the gradients of its batch (summed: times the batch's sample count) or, when
 * averaging, {@code localSteps} optimizer steps from the broadcast optimizer state and the
 * resulting weights and state (times the samples seen). It reads only its inputs, so a retried
 * task returns the same contribution.
 */
final class TrainTask implements Function2<Integer, Iterator<List<Example>>, Iterator<Contribution>> {
    private static final long serialVersionUID = 1L;

    private final ModelSource source;
    private Broadcast<float[][]> weights;
    private Broadcast<float[][]> state;
    private final int epoch;
    private final int firstStep;
    private final int localSteps;
    private final int localBatch;
    private final boolean shuffle;
    private final long seed;                  // the model's training seed
    private final int computeThreads;

    /** The work of one iteration; {@link #with} gives it the broadcast weights (and state) to start from. */
    TrainTask(ModelSource source, int epoch, int firstStep, int localSteps, SparkFitOptions o, int localBatch,
              long seed) {
        this.source = source;
        this.epoch = epoch;
        this.firstStep = firstStep;
        this.localSteps = localSteps;
        this.localBatch = localBatch;
        this.shuffle = o.shuffle;
        this.seed = seed;
        this.computeThreads = o.computeThreads;
    }

    /** @param state null to return gradients, else the optimizer state (in {@code Optimizer.state()} order) */
    TrainTask with(Broadcast<float[][]> weights, Broadcast<float[][]> state) {
        this.weights = weights;
        this.state = state;
        return this;
    }

    @Override
    public Iterator<Contribution> call(Integer partition, Iterator<List<Example>> rows) {
        TaskHook.Installed.run("train", epoch, firstStep, partition);
        List<Example> shard = rows.hasNext() ? rows.next() : List.of();
        while (rows.hasNext()) {          // glom gives one list; reaching the end releases the cached block
            rows.next();
        }
        if ((long) firstStep * localBatch >= shard.size()) {
            return List.of(Contribution.empty()).iterator();
        }
        if (computeThreads > 0 && Gemms.threads() != computeThreads) {
            Gemms.setThreads(computeThreads);
        }
        int[] order = order(shard.size(), partition);
        Model model = ExecutorModels.borrow(source);
        try {
            if (model.optimizer() == null) {
                throw ConfigException.argument("SparkTrainer", "modelSource", "models compiled with the driver's loss "
                        + "and optimizer", source + " gave the uncompiled " + model.describe());
            }
            if (!model.isBuilt()) {
                shard.get(order[0]).build(model);
            }
            List<Variable> vars = model.trainableWeights();
            assign(vars, weights.value());
            Contribution c = state == null ? gradients(model, shard, order, partition)
                    : localSteps(model, vars, shard, order, partition);
            return List.of(c).iterator();
        } finally {
            ExecutorModels.giveBack(source, model);
        }
    }

    private Contribution gradients(Model model, List<Example> shard, int[] order, int partition) {
        List<Tensor>[] batch = batch(model, shard, order, partition, firstStep);
        Gradients g = model.gradients(batch[0], batch[1]);
        float[][] sums = new float[g.values().size()][];
        for (int v = 0; v < sums.length; v++) {
            sums[v] = scaled(g.values().get(v).data(), g.samples());
        }
        return Contribution.of(sums, null, (double) g.loss() * g.samples(), g.samples(), 1);
    }

    private Contribution localSteps(Model model, List<Variable> vars, List<Example> shard, int[] order, int partition) {
        Optimizer opt = model.optimizer();
        opt.build(vars);
        opt.loadState(stateOf(opt, state.value()));
        double lossSum = 0;
        long samples = 0;
        int steps = 0;
        for (int s = firstStep; s < firstStep + localSteps && (long) s * localBatch < shard.size(); s++) {
            List<Tensor>[] batch = batch(model, shard, order, partition, s);
            int n = batch[0].get(0).shape().dim(0);
            lossSum += (double) model.trainOnBatch(batch[0], batch[1]) * n;
            samples += n;
            steps++;
        }
        float[][] w = new float[vars.size()][];
        for (int v = 0; v < w.length; v++) {
            w[v] = scaled(vars.get(v).value().data(), samples);
        }
        List<Tensor> st = new ArrayList<>(opt.state().values());
        float[][] s = new float[st.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = scaled(st.get(i).data(), samples);
        }
        return Contribution.of(w, s, lossSum, samples, steps);
    }

    /** The inputs and targets of local step {@code step}: examples {@code order[step·b, (step+1)·b)}. */
    @SuppressWarnings("unchecked")
    private List<Tensor>[] batch(Model model, List<Example> shard, int[] order, int partition, int step) {
        int from = step * localBatch;
        int to = Math.min(shard.size(), from + localBatch);
        List<Example> picked = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            picked.add(shard.get(order[i]));
        }
        Example first = picked.get(0);
        if (first.inputCount() != model.inputCount() || first.outputCount() != model.outputCount()) {
            throw new ShapeException(where(partition, order[from]), model.inputCount() + " input and "
                    + model.outputCount() + " target rows for " + model.describe(),
                    org.seq2seq4j.tensor.Shape.of(first.inputCount(), first.outputCount()));
        }
        Tensor[] all = Example.stack(picked, b -> where(partition, order[from + b]));
        List<Tensor> x = List.of(all).subList(0, first.inputCount());
        List<Tensor> y = List.of(all).subList(first.inputCount(), all.length);
        return new List[] {x, y};
    }

    private static String where(int partition, int index) {
        return "SparkTrainer: example " + index + " of partition " + partition;
    }

    private void assign(List<Variable> vars, float[][] values) {
        if (vars.size() != values.length) {
            throw ConfigException.argument("SparkTrainer", "modelSource", "a model with the driver's "
                    + values.length + " trainable weights", source + " gave " + vars.size());
        }
        for (int v = 0; v < values.length; v++) {
            float[] dst = vars.get(v).value().data();
            if (dst.length != values[v].length) {
                throw new ShapeException("SparkTrainer: weight " + v + " (" + vars.get(v) + ") of " + source,
                        values[v].length + " values as on the driver", vars.get(v).shape());
            }
            System.arraycopy(values[v], 0, dst, 0, dst.length);
        }
    }

    /** The broadcast state under this optimizer's own keys (its variables' paths differ from the driver's). */
    private Map<String, Tensor> stateOf(Optimizer opt, float[][] values) {
        Map<String, Tensor> mine = opt.state();
        if (mine.size() != values.length) {
            throw ConfigException.argument("SparkTrainer", "modelSource", "an optimizer with the driver's "
                    + values.length + " state tensors", opt.describe() + " with " + mine.size());
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            out.put(e.getKey(), Tensor.of(values[i++].clone(), e.getValue().shape()));
        }
        return out;
    }

    private int[] order(int n, int partition) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + partition);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    private static float[] scaled(float[] a, long by) {
        float[] out = new float[a.length];
        float f = by;
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * f;
        }
        return out;
    }
}
