package org.seq2seq4j.autodiff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation, like Keras's {@code GradientTape}. While a tape is
 * open on the current thread, every {@link Op} applied through {@link #apply} to a tensor that
 * depends on a watched tensor is recorded; {@link #gradient} then walks the records backwards
 * and accumulates input gradients. Ops applied with no tape open run forward only.
 *
 * <pre>{@code
 * Variable w = new Variable("w", Tensor.of(new float[] {2}, 1, 1), true);
 * Tensor x = Tensor.of(new float[] {3}, 1, 1);
 * try (Tape tape = Tape.record()) {
 *     Tensor y = Ops.dense(x, w.read(), null, Activation.LINEAR);     // y = x * w
 *     Map<Tensor, Tensor> g = tape.gradient(y, List.of(w.value()));
 *     // g.get(w.value()).item() -> 3.0
 * }
 * }</pre>
 */
public final class Tape implements AutoCloseable {
    private static final ThreadLocal<Tape> ACTIVE = new ThreadLocal<>();

    private record Node(Op op, Tensor[] inputs, Tensor[] outputs) { }

    private final List<Node> nodes = new ArrayList<>();
    private final Set<Tensor> tracked = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Tape outer;

    private Tape(Tape outer) {
        this.outer = outer;
    }

    /** Opens a tape on this thread; close it (try-with-resources) when done. */
    public static Tape record() {
        Tape t = new Tape(ACTIVE.get());
        ACTIVE.set(t);
        return t;
    }

    /** True while a tape is open on this thread; ops use it to decide whether to keep caches. */
    public static boolean isRecording() {
        return ACTIVE.get() != null;
    }

    /** Marks {@code t} as a source of gradients for the open tape, if any. */
    public static void watchIfRecording(Tensor t) {
        Tape tape = ACTIVE.get();
        if (tape != null) {
            tape.tracked.add(t);
        }
    }

    /** Marks {@code t} as a source of gradients. */
    public void watch(Tensor t) {
        tracked.add(t);
    }

    /** Runs {@code op} forward and records it if any input depends on a watched tensor. */
    public static Tensor[] apply(Op op, Tensor... inputs) {
        Tensor[] out = op.forward(inputs);
        Tape tape = ACTIVE.get();
        if (tape != null) {
            boolean any = false;
            for (Tensor in : inputs) {
                any |= in != null && tape.tracked.contains(in);
            }
            if (any) {
                tape.nodes.add(new Node(op, inputs, out));
                for (Tensor o : out) {
                    tape.tracked.add(o);
                }
            }
        }
        return out;
    }

    /** Runs a one-output op; see {@link #apply}. */
    public static Tensor apply1(Op op, Tensor... inputs) {
        return apply(op, inputs)[0];
    }

    /** Gradient of a scalar {@code target} with respect to each source (zeros if unconnected). */
    public Map<Tensor, Tensor> gradient(Tensor target, List<Tensor> sources) {
        if (target.size() != 1) {
            throw new ShapeException("Tape.gradient", "a scalar target (one element)", target.shape());
        }
        Tensor seed = Tensor.zeros(target.shape());
        seed.data()[0] = 1f;
        return gradient(new Tensor[] {target}, new Tensor[] {seed}, sources);
    }

    /** Vector-Jacobian product: gradients of {@code sum(targets[i] * seeds[i])} for each source. */
    public Map<Tensor, Tensor> gradient(Tensor[] targets, Tensor[] seeds, List<Tensor> sources) {
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < targets.length; i++) {
            accumulate(grads, targets[i], seeds[i]);
        }
        for (int n = nodes.size() - 1; n >= 0; n--) {
            Node node = nodes.get(n);
            Tensor[] dOut = new Tensor[node.outputs.length];
            boolean reached = false;
            for (int i = 0; i < dOut.length; i++) {
                dOut[i] = grads.remove(node.outputs[i]);
                reached |= dOut[i] != null;
            }
            if (!reached) {
                continue;
            }
            for (int i = 0; i < dOut.length; i++) {
                if (dOut[i] == null) {
                    dOut[i] = Tensor.zeros(node.outputs[i].shape());
                }
            }
            Tensor[] dIn = new Tensor[node.inputs.length];
            for (int i = 0; i < dIn.length; i++) {
                Tensor in = node.inputs[i];
                if (in != null && tracked.contains(in)) {
                    Tensor existing = grads.get(in);
                    dIn[i] = existing != null ? existing : Tensor.zeros(in.shape());
                    grads.put(in, dIn[i]);
                }
            }
            try {
                node.op.backward(dOut, dIn);
            } catch (UnsupportedOperationException e) {
                throw new Seq2SeqException("op '" + node.op.name() + "' has no gradient: " + e.getMessage(), e);
            }
        }
        Map<Tensor, Tensor> result = new IdentityHashMap<>();
        for (Tensor s : sources) {
            Tensor g = grads.get(s);
            result.put(s, g != null ? g : Tensor.zeros(s.shape()));
        }
        return result;
    }

    private static void accumulate(Map<Tensor, Tensor> grads, Tensor t, Tensor g) {
        Tensor existing = grads.get(t);
        if (existing == null) {
            grads.put(t, g.copy());
        } else {
            float[] e = existing.data();
            float[] d = g.data();
            for (int i = 0; i < e.length; i++) {
                e[i] += d[i];
            }
        }
    }

    /** Closes the tape and drops every record (and the caches the ops kept). */
    @Override
    public void close() {
        nodes.clear();
        tracked.clear();
        if (outer != null) {
            ACTIVE.set(outer);
        } else {
            ACTIVE.remove();
        }
    }
}
