package org.seq2seq4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Runs a recurrent layer over the sequence in both directions and merges the two outputs, with
 * Keras 3 semantics. The forward layer is a fresh copy of {@code layer} named
 * {@code forward_<name>}; the backward layer is a copy with {@code go_backwards=true} named
 * {@code backward_<name>}, or the given {@code backward_layer}, which must match the forward
 * layer's return_sequences, return_state and stateful and have the opposite go_backwards. As in
 * Keras 3, both get {@code zero_output_for_mask = return_sequences}.
 *
 * <p>Input {@code (batch, timesteps, features)}. The backward output sequence is flipped back to
 * input time order before merging (without return_sequences the backward output is its state
 * after consuming timestep 0). Output: {@code (batch, [timesteps,] 2u)} for concat,
 * {@code (batch, [timesteps,] u)} for sum, ave and mul, and the two outputs {@code [y, y_rev]}
 * for {@link MergeMode#NONE}. With return_state the forward states then the backward states follow
 * ({@code [output, fwd_h, fwd_c, bwd_h, bwd_c]} for LSTM); initial states are passed in the same
 * order, {@code call(ctx, x, fwd_h, fwd_c, bwd_h, bwd_c)}. The mask in the context reaches both
 * layers (in a call given initial states only with {@link RecurrentLayer#maskWithInitialStates},
 * which the copies take from {@code layer}, as Keras 2 does; Keras 3 passes no mask then). Weights: the forward layer's, then the backward layer's, named
 * {@code bidirectional/forward_lstm/lstm_cell/kernel} and so on.
 *
 * <pre>{@code
 * Bidirectional bi = new Bidirectional(new LSTM(4).returnSequences(true)).mergeMode(Bidirectional.MergeMode.SUM);
 * Tensor y = bi.apply(Tensor.random(Shape.of(2, 5, 3), 1));
 * // y.shape() -> (2, 5, 4); bi.countParams() -> 256 (two LSTMs of 128)
 * }</pre>
 */
public final class Bidirectional extends FluentLayer<Bidirectional> {
    private static final String CLS = "Bidirectional";
    private static final Set<String> KEYS = Set.of("name", "trainable", "dtype", "merge_mode", "layer",
            "backward_layer", "batch_input_shape", "batch_shape");

    /** How the forward and backward outputs are combined (Keras {@code merge_mode}). */
    public enum MergeMode {
        /** Joined on the feature axis (the default). */
        CONCAT,
        /** Element-wise sum. */
        SUM,
        /** Element-wise mean. */
        AVE,
        /** Element-wise product. */
        MUL,
        /** Not merged: both outputs are returned (Keras {@code merge_mode=None}). */
        NONE;

        /** The Keras spelling ({@code "concat"}, ...); null for {@link #NONE}. */
        public String kerasName() {
            return this == NONE ? null : name().toLowerCase(Locale.ROOT);
        }

        /** The mode Keras writes as {@code name} (null for {@link #NONE}); anything else is a {@link ConfigException}. */
        public static MergeMode fromKerasName(String name) {
            for (MergeMode m : values()) {
                if (Objects.equals(m.kerasName(), name)) {
                    return m;
                }
            }
            throw ConfigException.argument(CLS, "merge_mode", "one of \"concat\", \"sum\", \"ave\", \"mul\" or null",
                    "\"" + name + "\"");
        }

        Tensor merge(Tensor y, Tensor yRev) {
            return switch (this) {
                case CONCAT -> Ops.concat(-1, y, yRev);
                case SUM -> Ops.add(y, yRev);
                case AVE -> Ops.average(y, yRev);
                case MUL -> Ops.multiply(y, yRev);
                case NONE -> throw new IllegalStateException("merge_mode None keeps both outputs");
            };
        }
    }

    private final Layer forward;
    private final Layer backward;
    private MergeMode mergeMode = MergeMode.CONCAT;

    /** Wraps {@code layer} (an LSTM, GRU, SimpleRNN or RNN); the backward layer is its go_backwards copy. */
    public Bidirectional(Layer layer) {
        this(layer, null);
    }

    /**
     * Wraps {@code layer} with {@code backwardLayer} (used as given) for the reverse direction, or
     * with a go_backwards copy of {@code layer} when it is null.
     */
    public Bidirectional(Layer layer, Layer backwardLayer) {
        recurrent("layer", layer);
        this.forward = copyOf(layer, "forward_", false);
        this.backward = backwardLayer != null ? backwardLayer : copyOf(layer, "backward_", true);
        verify(recurrent("layer", forward), recurrent("backward_layer", backward));
        forceZeroOutputForMask(recurrent("layer", forward));
        forceZeroOutputForMask(recurrent("backward_layer", backward));
    }

    /** Sets how the two outputs are merged (default {@link MergeMode#CONCAT}). */
    public Bidirectional mergeMode(MergeMode m) {
        checkNotBuilt("mergeMode");
        if (m == null) {
            throw ConfigException.argument(CLS, "mergeMode", "a MergeMode (MergeMode.NONE for Keras None)", null);
        }
        mergeMode = m;
        return this;
    }

    public MergeMode mergeMode() {
        return mergeMode;
    }

    /** The forward layer (a copy of the wrapped layer, named {@code forward_<name>}). */
    public Layer forwardLayer() {
        return forward;
    }

    /** The backward layer (go_backwards). */
    public Layer backwardLayer() {
        return backward;
    }

    private static RecurrentLayer<?> recurrent(String argument, Layer layer) {
        if (layer instanceof RecurrentLayer<?> r) {
            return r;
        }
        throw ConfigException.argument(CLS, argument, "a recurrent layer (LSTM, GRU, SimpleRNN or RNN)",
                layer == null ? null : layer.describe());
    }

    /** A fresh layer from {@code layer}'s config, renamed with {@code prefix}, optionally going backwards. */
    private static Layer copyOf(Layer layer, String prefix, boolean goBackwards) {
        LayerConfig classAndConfig = Layers.serialize(layer);
        LayerConfig config = classAndConfig.getConfig("config");
        String name = layer.name();
        config.put("name", prefix + (name.startsWith(prefix) ? name.substring(prefix.length()) : name));
        if (goBackwards) {
            config.put("go_backwards", true);
        }
        Layer copy = Layers.deserialize(classAndConfig);
        ((RecurrentLayer<?>) copy).maskWithInitialStates(((RecurrentLayer<?>) layer).maskWithInitialStates());
        return copy;
    }

    private void verify(RecurrentLayer<?> f, RecurrentLayer<?> b) {
        if (f.goBackwards() == b.goBackwards()) {
            throw ConfigException.argument(CLS, "backward_layer", "a layer with go_backwards=" + !f.goBackwards()
                    + ", the opposite of the forward layer " + forward.describe(),
                    backward.describe() + " with go_backwards=" + b.goBackwards());
        }
        sameAttribute("return_sequences", f.returnSequences(), b.returnSequences());
        sameAttribute("return_state", f.returnState(), b.returnState());
        sameAttribute("stateful", f.stateful(), b.stateful());
    }

    private void sameAttribute(String attribute, boolean forwardValue, boolean backwardValue) {
        if (forwardValue != backwardValue) {
            throw ConfigException.argument(CLS, "backward_layer " + attribute, forwardValue + " like the forward layer "
                    + forward.describe(), backward.describe() + " with " + attribute + "=" + backwardValue);
        }
    }

    /** Keras 3: masked timesteps output zeros exactly when the sequence is returned. */
    private static void forceZeroOutputForMask(RecurrentLayer<?> r) {
        if (r.zeroOutputForMask() != r.returnSequences()) {
            r.zeroOutputForMask(r.returnSequences());
        }
    }

    private RecurrentLayer<?> fwd() {
        return (RecurrentLayer<?>) forward;
    }

    private RecurrentLayer<?> bwd() {
        return (RecurrentLayer<?>) backward;
    }

    @Override
    protected void checkInput(Shape in) {
        requireRank(in, 3, "(batch, timesteps, features)");
    }

    @Override
    protected void doBuild(Shape in) {
        nestUnder(forward, this);
        nestUnder(backward, this);
        forward.build(in);
        backward.build(in);
        adoptWeights(forward);
        adoptWeights(backward);
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        return computeOutputShapes(in).get(0);
    }

    /** {@code [merged]} or {@code [y, y_rev]} for merge_mode None, then the forward and the backward states. */
    @Override
    public List<Shape> computeOutputShapes(Shape in) {
        checkInput(in);
        List<Shape> f = forward.computeOutputShapes(in);
        List<Shape> b = backward.computeOutputShapes(in);
        List<Shape> out = new ArrayList<>();
        if (mergeMode == MergeMode.NONE) {
            out.add(f.get(0));
            out.add(b.get(0));
        } else {
            out.add(mergeMode == MergeMode.CONCAT ? f.get(0).withLast(f.get(0).last() + b.get(0).last()) : f.get(0));
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    /** The output shapes, after checking the initial states: the forward layer's, then the backward layer's. */
    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        int nf = fwd().stateCount();
        int nb = bwd().stateCount();
        int given = inputShapes.size() - 1;
        if (given != 0) {
            checkStateCount(given, nf, nb);
            Shape x = inputShapes.get(0);
            List<Shape> f = new ArrayList<>(List.of(x));
            f.addAll(inputShapes.subList(1, 1 + nf));
            List<Shape> b = new ArrayList<>(List.of(x));
            b.addAll(inputShapes.subList(1 + nf, 1 + nf + nb));
            forward.computeOutputShapes(f);
            backward.computeOutputShapes(b);
        }
        return computeOutputShapes(inputShapes.get(0));
    }

    private void checkStateCount(int given, int nf, int nb) {
        if (given != 0 && given != nf + nb) {
            throw ConfigException.argument(describe(), "initial_state", (nf + nb) + " tensors: the forward layer's "
                    + nf + " states, then the backward layer's " + nb, given + " tensors");
        }
    }

    /** The output mask: the input mask with return_sequences (for each output with merge_mode None), else none. */
    @Override
    public Tensor computeMask(Tensor[] inputs, Tensor inputMask) {
        return fwd().returnSequences() ? inputMask : null;
    }

    @Override
    protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
        Tensor x = inputs[0];
        int nf = fwd().stateCount();
        int nb = bwd().stateCount();
        int given = inputs.length - 1;
        checkStateCount(given, nf, nb);
        Tensor[] y = forward.call(ctx, given == 0 ? new Tensor[] {x} : withStates(x, inputs, 1, nf));
        Tensor[] yr = backward.call(ctx, given == 0 ? new Tensor[] {x} : withStates(x, inputs, 1 + nf, nb));
        Tensor yRev = fwd().returnSequences() ? Ops.reverse(yr[0], 1) : yr[0];
        List<Tensor> out = new ArrayList<>();
        if (mergeMode == MergeMode.NONE) {
            out.add(y[0]);
            out.add(yRev);
        } else {
            out.add(mergeMode.merge(y[0], yRev));
        }
        out.addAll(Arrays.asList(y).subList(1, y.length));
        out.addAll(Arrays.asList(yr).subList(1, yr.length));
        return out.toArray(new Tensor[0]);
    }

    /** {@code [x, inputs[from], ..., inputs[from + n - 1]]}. */
    private static Tensor[] withStates(Tensor x, Tensor[] inputs, int from, int n) {
        Tensor[] out = new Tensor[1 + n];
        out[0] = x;
        System.arraycopy(inputs, from, out, 1, n);
        return out;
    }

    /** The Keras config: the base keys, {@code merge_mode}, {@code layer} (the forward layer) and {@code backward_layer}. */
    @Override
    public LayerConfig getConfig() {
        return super.getConfig()
                .put("merge_mode", mergeMode.kerasName())
                .put("layer", Layers.serialize(forward))
                .put("backward_layer", Layers.serialize(backward));
    }

    /**
     * A Bidirectional from a Keras config: {@code layer} (required), optional {@code backward_layer},
     * {@code merge_mode} (absent means concat, null means None). Unknown keys are a {@link ConfigException}.
     */
    public static Bidirectional fromConfig(LayerConfig c) {
        Set<String> unknown = new TreeSet<>(c.keys());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw ConfigException.argument(CLS, "config", "made of Keras Bidirectional arguments", "unknown keys " + unknown);
        }
        LayerConfig layer = c.getConfig("layer");
        if (layer == null) {
            throw ConfigException.argument(CLS, "layer", "a nested layer config {class_name, config}", "missing");
        }
        LayerConfig backwardLayer = c.getConfig("backward_layer");
        Object mode = c.get("merge_mode");
        Bidirectional b = new Bidirectional(Layers.deserialize(layer),
                backwardLayer == null ? null : Layers.deserialize(backwardLayer))
                .mergeMode(c.keys().contains("merge_mode")
                        ? MergeMode.fromKerasName(mode == null ? null : mode.toString()) : MergeMode.CONCAT);
        return applyBase(b, c);
    }
}
