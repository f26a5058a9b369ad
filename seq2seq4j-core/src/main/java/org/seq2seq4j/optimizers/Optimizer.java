package org.seq2seq4j.optimizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.optimizers.schedules.LearningRateSchedule;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Base of the Keras 3 optimizers: one {@link #apply} call is one Keras {@code apply_gradients}.
 * It clips the gradients (at most one of {@code clipnorm} per variable, {@code global_clipnorm}
 * over all variables, or {@code clipvalue}), runs the subclass's {@code update_step} rule on each
 * variable in float32, and increments {@link #iterations()}. Slot variables (moments, velocities,
 * accumulators) are created once, on the first call or by {@link #build}; later calls allocate
 * nothing. {@link #state()} / {@link #loadState} expose iterations and slots for an exact resume.
 *
 * <pre>{@code
 * Optimizer opt = new Adam().learningRate(0.01).clipnorm(1.0);
 * opt.apply(List.of(kernel, bias), List.of(dKernel, dBias));   // one training step
 * // opt.iterations() -> 1; opt.state().keySet() -> [iterations, adam/momentum/dense/kernel, ...]
 * }</pre>
 */
public abstract class Optimizer {
    private final String name;
    private double learningRate;
    private LearningRateSchedule schedule;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private long iterations;
    private List<Variable> variables;
    private float[][][] slots;        // [variable][slot][element]
    private float[][] clipped;        // per-variable workspace, created when clipping is first used
    private float[][] current;        // the gradients of the running apply (no per-call arrays)

    /** @param name Keras default name, e.g. {@code "adam"}; used as the slot-name prefix */
    protected Optimizer(String name, double learningRate) {
        this.name = name;
        learningRate(learningRate);
    }

    /** The Keras name of this optimizer ({@code "adam"}, {@code "sgd"}, ...). */
    public String name() {
        return name;
    }

    /** The learning rate of the next update: the fixed rate, or the schedule's rate at {@link #iterations()}. */
    public double learningRate() {
        return schedule == null ? learningRate : schedule.rate(iterations);
    }

    /**
     * Sets the learning rate; it may change between steps (e.g. from a callback). An optimizer made
     * with a schedule refuses, as Keras does.
     */
    public Optimizer learningRate(double lr) {
        if (schedule != null) {
            throw ConfigException.argument(describe(), "learning_rate", "not set: this optimizer follows the schedule "
                    + schedule.className(), lr);
        }
        this.learningRate = positive("learning_rate", lr);
        return this;
    }

    /**
     * Follows a learning-rate schedule (Keras {@code learning_rate=schedule}): each update uses
     * {@code schedule.rate(iterations)}, the number of updates made before it.
     */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw ConfigException.argument(describe(), "learning_rate", "a LearningRateSchedule", null);
        }
        this.schedule = schedule;
        return this;
    }

    /** The schedule the learning rate follows, or null for a fixed rate. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** Clips each variable's gradient to this L2 norm (Keras {@code clipnorm}). */
    public Optimizer clipnorm(double norm) {
        this.clipnorm = positiveClip("clipnorm", norm);
        return this;
    }

    /** Clips every gradient element to {@code [-value, value]} (Keras {@code clipvalue}). */
    public Optimizer clipvalue(double value) {
        this.clipvalue = positiveClip("clipvalue", value);
        return this;
    }

    /** Scales all gradients together so their joint L2 norm is at most this (Keras {@code global_clipnorm}). */
    public Optimizer globalClipnorm(double norm) {
        this.globalClipnorm = positiveClip("global_clipnorm", norm);
        return this;
    }

    /** Number of {@link #apply} calls so far (Keras {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** Keras slot names this optimizer keeps per variable, with its current settings. */
    protected abstract String[] slotNames();

    /** Initial value of slot {@code slot} (zero except for Adagrad's accumulator). */
    protected float slotInitialValue(int slot) {
        return 0f;
    }

    /** Called once per {@link #apply} before the variables are updated; {@code step} = iterations + 1. */
    protected void prepareStep(long step, float lr) {
    }

    /**
     * The Keras {@code update_step} for one variable: updates {@code p} (n elements) in place from the
     * gradient {@code g} and the variable's slots {@code s[slot]}.
     */
    protected abstract void updateStep(float[] p, float[] g, float[][] s, int n);

    /** Optimizer-wide state besides iterations and slots (Nadam's {@code u_product}); keys without prefix. */
    protected Map<String, float[]> globalState() {
        return Map.of();
    }

    /** Hyper-parameters of the subclass, with Keras keys, added to {@link #getConfig()}. */
    protected abstract void addConfig(LayerConfig config);

    /**
     * Creates the slots for {@code vars} (Keras {@code optimizer.build}); called by the first
     * {@link #apply}. Call it yourself before {@link #loadState} when resuming.
     */
    public void build(List<Variable> vars) {
        if (variables != null) {
            checkSameVariables(vars);
            return;
        }
        String[] names = slotNames();
        slots = new float[vars.size()][names.length][];
        current = new float[vars.size()][];
        for (int v = 0; v < vars.size(); v++) {
            int n = vars.get(v).shape().size();
            for (int s = 0; s < names.length; s++) {
                slots[v][s] = new float[n];
                java.util.Arrays.fill(slots[v][s], slotInitialValue(s));
            }
        }
        variables = List.copyOf(vars);
    }

    /**
     * One Keras {@code apply_gradients}: {@code grads.get(i)} is the gradient of {@code vars.get(i)}
     * and must have its shape. The first call fixes the variable list; later calls must pass the
     * same variables in the same order.
     */
    public void apply(List<Variable> vars, List<Tensor> grads) {
        if (vars.size() != grads.size()) {
            throw ConfigException.argument(describe(), "grads", "one gradient per variable (" + vars.size() + ")",
                    grads.size() + " gradients");
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!grads.get(i).shape().equals(vars.get(i).shape())) {
                throw new ShapeException(describe() + " gradient of " + vars.get(i),
                        "the variable's shape " + vars.get(i).shape(), grads.get(i).shape());
            }
        }
        build(vars);
        float[][] g = gradients(grads);
        long step = iterations + 1;
        prepareStep(step, (float) learningRate());
        for (int v = 0; v < vars.size(); v++) {
            updateStep(vars.get(v).value().data(), g[v], slots[v], g[v].length);
        }
        iterations = step;
    }

    /** The gradients after clipping, in the preallocated workspace (or the caller's arrays when not clipping). */
    private float[][] gradients(List<Tensor> grads) {
        float[][] g = current;
        for (int v = 0; v < g.length; v++) {
            g[v] = grads.get(v).data();
        }
        if (clipnorm == null && clipvalue == null && globalClipnorm == null) {
            return g;
        }
        if (clipped == null) {
            clipped = new float[g.length][];
            for (int v = 0; v < g.length; v++) {
                clipped[v] = new float[g[v].length];
            }
        }
        float globalScale = globalClipnorm == null ? 1f : globalScale(g);
        for (int v = 0; v < g.length; v++) {
            float[] src = g[v];
            float[] dst = clipped[v];
            if (clipnorm != null) {
                float c = clipnorm.floatValue();
                float norm = (float) Math.sqrt(sumOfSquares(src));
                float denom = Math.max(norm, c);
                for (int i = 0; i < src.length; i++) {
                    dst[i] = src[i] * c / denom;
                }
            } else if (clipvalue != null) {
                float c = clipvalue.floatValue();
                for (int i = 0; i < src.length; i++) {
                    dst[i] = Math.max(-c, Math.min(c, src[i]));
                }
            } else {
                for (int i = 0; i < src.length; i++) {
                    dst[i] = src[i] * globalScale;
                }
            }
            g[v] = dst;
        }
        return g;
    }

    /** Keras clip_by_global_norm: clip * min(1/norm, 1/clip); NaN when the norm is not finite. */
    private float globalScale(float[][] g) {
        double sq = 0;
        for (float[] a : g) {
            sq += sumOfSquares(a);
        }
        float norm = (float) Math.sqrt(sq);
        float c = globalClipnorm.floatValue();
        return c * Math.min(1f / norm, 1f / c) + (norm - norm);
    }

    private static double sumOfSquares(float[] a) {
        double s = 0;
        for (float x : a) {
            s += (double) x * x;
        }
        return s;
    }

    /**
     * Iterations, slots and optimizer-wide values as copies: {@code "iterations"} (scalar) and
     * {@code "<name>/<slot>/<variable path>"}, e.g. {@code "adam/momentum/dense/kernel"}.
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("iterations", Tensor.scalar(iterations));
        globalState().forEach((k, v) -> out.put(name + "/" + k, Tensor.of(v.clone(), Shape.of(v.length))));
        if (variables != null) {
            String[] names = slotNames();
            for (int v = 0; v < variables.size(); v++) {
                for (int s = 0; s < names.length; s++) {
                    out.put(slotKey(names[s], variables.get(v)), Tensor.of(slots[v][s].clone(), variables.get(v).shape()));
                }
            }
        }
        return out;
    }

    /**
     * Restores what {@link #state()} returned. The optimizer must be built for the same variables
     * (see {@link #build}); every key must be present with its shape, and no other key.
     */
    public void loadState(Map<String, Tensor> state) {
        Map<String, Tensor> expected = state();
        if (variables == null && expected.size() < state.size()) {
            throw new ConfigException(describe(), "loadState", "called after build(variables)",
                    "an unbuilt optimizer given " + state.size() + " entries");
        }
        for (String key : state.keySet()) {
            if (!expected.containsKey(key)) {
                throw ConfigException.argument(describe(), "state key '" + key + "'", "one of " + expected.keySet(), "unknown");
            }
        }
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t == null) {
                throw ConfigException.argument(describe(), "state key '" + e.getKey() + "'", "present", "missing");
            }
            if (!t.shape().equals(e.getValue().shape())) {
                throw new ShapeException(describe() + " state '" + e.getKey() + "'", "shape " + e.getValue().shape(), t.shape());
            }
        }
        float it = state.get("iterations").item();
        if (it < 0 || it != Math.rint(it)) {
            throw ConfigException.argument(describe(), "state 'iterations'", "a non-negative integer", it);
        }
        iterations = (long) it;
        globalState().forEach((k, v) -> System.arraycopy(state.get(name + "/" + k).data(), 0, v, 0, v.length));
        if (variables != null) {
            String[] names = slotNames();
            for (int v = 0; v < variables.size(); v++) {
                for (int s = 0; s < names.length; s++) {
                    float[] src = state.get(slotKey(names[s], variables.get(v))).data();
                    System.arraycopy(src, 0, slots[v][s], 0, src.length);
                }
            }
        }
    }

    private String slotKey(String slot, Variable v) {
        return name + "/" + slot + "/" + v.path();
    }

    /**
     * The Keras config: {@code name}, {@code learning_rate}, {@code clipnorm},
     * {@code global_clipnorm}, {@code clipvalue} and the subclass's hyper-parameters.
     */
    public LayerConfig getConfig() {
        LayerConfig c = new LayerConfig().put("name", name)
                .put("learning_rate", schedule == null ? (Object) learningRate : schedule.serialize().asMap())
                .put("clipnorm", clipnorm).put("global_clipnorm", globalClipnorm).put("clipvalue", clipvalue);
        addConfig(c);
        return c;
    }

    /** Keras class name and name for messages, e.g. {@code "Adam 'adam'"}. */
    public String describe() {
        return getClass().getSimpleName() + " '" + name + "'";
    }

    private void checkSameVariables(List<Variable> vars) {
        if (vars.size() != variables.size()) {
            throw ConfigException.argument(describe(), "variables", "the " + variables.size() + " variables it was built for",
                    vars.size() + " variables");
        }
        for (int i = 0; i < vars.size(); i++) {
            if (vars.get(i) != variables.get(i)) {
                throw ConfigException.argument(describe(), "variable " + i, variables.get(i) + " (as when built)", vars.get(i));
            }
        }
    }

    private Double positiveClip(String key, double value) {
        positive(key, value);
        List<String> set = new ArrayList<>();
        if (clipnorm != null && !key.equals("clipnorm")) {
            set.add("clipnorm");
        }
        if (clipvalue != null && !key.equals("clipvalue")) {
            set.add("clipvalue");
        }
        if (globalClipnorm != null && !key.equals("global_clipnorm")) {
            set.add("global_clipnorm");
        }
        if (!set.isEmpty()) {
            throw ConfigException.argument(describe(), key, "the only clipping option (as in Keras)",
                    "set together with " + set);
        }
        return value;
    }

    /** Checks {@code value > 0} (and finite) for option {@code key}. */
    protected final double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw ConfigException.argument(describe(), key, "a positive number", value);
        }
        return value;
    }

    /** Checks {@code 0 <= value < 1} for option {@code key} (betas, rho, momentum). */
    protected final double fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw ConfigException.argument(describe(), key, "in [0, 1)", value);
        }
        return value;
    }

    /** Slots can only change before the first apply: options that add slots call this. */
    protected final void checkNotBuilt(String key) {
        if (variables != null) {
            throw ConfigException.argument(describe(), key, "set before the first apply", "set after the slots were built");
        }
    }

    /** Applies the clipping options of {@code c} (Keras keys) to this optimizer. */
    final void applyBaseConfig(LayerConfig c) {
        String s = describe();
        learningRate(c.getDouble(s, "learning_rate", learningRate));
        if (c.has("clipnorm")) {
            clipnorm(c.getDouble(s, "clipnorm", 0));
        }
        if (c.has("clipvalue")) {
            clipvalue(c.getDouble(s, "clipvalue", 0));
        }
        if (c.has("global_clipnorm")) {
            globalClipnorm(c.getDouble(s, "global_clipnorm", 0));
        }
    }

    @Override
    public String toString() {
        return describe() + " " + getConfig();
    }
}
