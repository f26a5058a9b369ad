package org.seq2seq4j.layers.attention;

import static org.junit.jupiter.api.Assertions.fail;
import static org.seq2seq4j.layers.attention.AttentionKerasValuesTest.dbl;
import static org.seq2seq4j.layers.attention.AttentionKerasValuesTest.flt;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.attention.AttentionReference.Mode;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The fused attention backward against central finite differences (in double) of
 * {@link AttentionReference}, for loss = Σ output·r + Σ scores·r', with respect to query, value,
 * key and every weight; every score mode, with and without scale, masks, causal mask and a
 * separate key. The forward is checked against the reference too.
 */
class AttentionGradientTest {
    private static final int B = 2;
    private static final int TQ = 3;
    private static final int TV = 4;
    private static final int DIM = 3;
    /** Row (0, 1) and (1, 2) masked; values (0, 1), (1, 2), (1, 3) masked; step 0 always kept (causal row 0). */
    private static final float[] QUERY_MASK = {1, 0, 1, 1, 1, 0};
    private static final float[] VALUE_MASK = {1, 0, 1, 1, 1, 1, 0, 0};
    private static final double STEP = 1e-5;
    private static final double TOL = 1e-4;

    record Case(Mode mode, boolean useScale, boolean masked, boolean causal, boolean withKey, double dropout) {
        int valueDim() {
            return withKey ? 2 : DIM;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (int bits = 0; bits < 16; bits++) {
                out.add(Arguments.of(new Case(m, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, 0)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Case c) {
        check(c);
    }

    @Test
    void gradientsWithDropout() {
        for (Mode m : Mode.values()) {
            check(new Case(m, true, true, false, true, 0.3));
        }
    }

    private static void check(Case c) {
        int dv = c.valueDim();
        List<String> names = new ArrayList<>(List.of("query", "value"));
        List<double[]> p = new ArrayList<>(List.of(random(1, B, TQ, DIM), random(2, B, TV, dv)));
        if (c.withKey) {
            names.add("key");
            p.add(random(3, B, TV, DIM));
        }
        int firstWeight = p.size();
        BaseDenseAttention<?> layer = layer(c, names, p);
        layer.returnAttentionScores(true);
        layer.build(Shape.of(B, TQ, DIM));
        List<Tensor> w = new ArrayList<>();
        for (int i = firstWeight; i < p.size(); i++) {
            w.add(Tensor.of(flt(p.get(i)), layer.weights().get(i - firstWeight).shape()));
        }
        layer.setWeights(w);

        Tensor q = Tensor.of(flt(p.get(0)), B, TQ, DIM);
        Tensor v = Tensor.of(flt(p.get(1)), B, TV, dv);
        Tensor[] inputs = c.withKey ? new Tensor[] {q, v, Tensor.of(flt(p.get(2)), B, TV, DIM)} : new Tensor[] {q, v};
        Tensor[] masks = c.masked ? new Tensor[] {Tensor.of(QUERY_MASK.clone(), B, TQ), Tensor.of(VALUE_MASK.clone(), B, TV)}
                : null;
        CallContext ctx = c.dropout > 0 ? CallContext.training(new SplittableRandom(3)) : CallContext.inference();
        List<Tensor> sources = new ArrayList<>(List.of(inputs));
        layer.weights().forEach(x -> sources.add(x.value()));

        Tensor[] out;
        Tensor[] seeds;
        Map<Tensor, Tensor> grads;
        try (Tape tape = Tape.record()) {
            for (Tensor in : inputs) {
                tape.watch(in);
            }
            out = layer.call(ctx, masks, inputs);
            seeds = new Tensor[] {Tensor.random(out[0].shape(), 100), Tensor.random(out[1].shape(), 101)};
            grads = tape.gradient(out, seeds, sources);
        }

        float[] keep = c.dropout > 0 ? keepFromOutput(c, p, out[1]) : null;
        double[][] ref = run(c, p, keep);
        assertAllClose(flt(ref[0]), out[0].data(), 1e-5, c + " forward output");
        assertAllClose(flt(ref[1]), out[1].data(), 1e-5, c + " forward scores");
        for (int k = 0; k < p.size(); k++) {
            float[] analytic = grads.get(sources.get(k)).data();
            double[] x = p.get(k);
            for (int i = 0; i < x.length; i++) {
                double saved = x[i];
                x[i] = saved + STEP;
                double up = loss(run(c, p, keep), seeds);
                x[i] = saved - STEP;
                double down = loss(run(c, p, keep), seeds);
                x[i] = saved;
                double fd = (up - down) / (2 * STEP);
                if (!(Math.abs(analytic[i] - fd) <= TOL * Math.max(1, Math.abs(fd)))) {
                    fail(String.format("%s: d loss / d %s[%d]: finite difference %.8g, backward %.8g", c, names.get(k),
                            i, fd, analytic[i]));
                }
            }
        }
    }

    /** The layer for a case; appends its weights' names and starting values (Keras order) to names and p. */
    private static BaseDenseAttention<?> layer(Case c, List<String> names, List<double[]> p) {
        BaseDenseAttention<?> layer;
        if (c.mode == Mode.ADDITIVE) {
            layer = new AdditiveAttention().useScale(c.useScale);
            if (c.useScale) {
                names.add("scale");
                p.add(random(4, DIM));
            }
        } else {
            layer = new Attention().scoreMode(c.mode == Mode.DOT ? Attention.ScoreMode.DOT : Attention.ScoreMode.CONCAT)
                    .useScale(c.useScale);
            if (c.useScale) {
                names.add("scale");
                p.add(new double[] {0.7});
            }
            if (c.mode == Mode.CONCAT) {
                names.add("concat_score_weight");
                p.add(new double[] {1.3});
            }
        }
        return layer.dropout(c.dropout).useCausalMask(c.causal);
    }

    private static double[][] run(Case c, List<double[]> p, float[] keep) {
        double[] v = p.get(1);
        int next = c.withKey ? 3 : 2;
        double[] k = c.withKey ? p.get(2) : v;
        double a = Double.NaN;
        double cw = 1;
        double[] w = null;
        if (c.mode == Mode.ADDITIVE) {
            w = c.useScale ? p.get(next) : null;
        } else {
            a = c.useScale ? p.get(next++)[0] : Double.NaN;
            cw = c.mode == Mode.CONCAT ? p.get(next)[0] : 1;
        }
        AttentionDims d = new AttentionDims(B, TQ, TV, DIM, c.valueDim());
        return AttentionReference.run(c.mode, d, p.get(0), v, k, a, cw, w, c.masked ? QUERY_MASK : null,
                c.masked ? VALUE_MASK : null, c.causal, keep);
    }

    /** The dropout multipliers the layer drew, read off its dropped weights: 0 where zero, else 1 / (1 − rate). */
    private static float[] keepFromOutput(Case c, List<double[]> p, Tensor dropped) {
        float[] keep = new float[dropped.size()];
        int zeros = 0;
        for (int i = 0; i < keep.length; i++) {
            keep[i] = dropped.data()[i] == 0 ? 0f : (float) (1 / (1 - c.dropout));
            zeros += dropped.data()[i] == 0 ? 1 : 0;
        }
        if (zeros == 0 || zeros == keep.length) {
            fail(c + ": dropout dropped " + zeros + " of " + keep.length + " weights");
        }
        return keep;
    }

    /** Uniform values in [-1, 1) from {@code seed}. */
    private static double[] random(long seed, int... dims) {
        return dbl(Tensor.random(Shape.of(dims), seed));
    }

    private static double loss(double[][] ref, Tensor[] seeds) {
        double sum = 0;
        for (int k = 0; k < seeds.length; k++) {
            for (int i = 0; i < ref[k].length; i++) {
                sum += ref[k][i] * seeds[k].data()[i];
            }
        }
        return sum;
    }
}
