package org.seq2seq4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.recurrent.LstmReference;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.ReferenceGradCheck;

/**
 * BPTT of the fused LSTM against central finite differences of a double-precision reference
 * LSTM, for loss = Σ output·r over every output, for x, kernel, recurrent kernel, bias and the
 * initial states. The reference's forward is checked against the layer too (and against the
 * Keras goldens in {@code LstmReferenceTest}).
 */
class LSTMGradientTest {
    private static final int B = 2;
    private static final int T = 4;
    private static final int F = 3;
    private static final int U = 3;
    /** Row 0: a masked step inside; row 1: masked before its first valid step and after it. */
    private static final float[] MASK = {1, 0, 1, 1, 0, 0, 1, 0};
    private static final ReferenceGradCheck CHECK = new ReferenceGradCheck(1e-5, 1e-4);

    static Stream<Arguments> unmaskedCombinations() {
        List<Arguments> out = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            out.add(Arguments.of((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0));
        }
        return out.stream();
    }

    static Stream<Arguments> maskedCombinations() {
        List<Arguments> out = new ArrayList<>();
        for (int bits = 0; bits < 8; bits++) {
            out.add(Arguments.of((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "return_sequences={0} return_state={1} initial_state={2} go_backwards={3}")
    @MethodSource("unmaskedCombinations")
    void gradientsMatchFiniteDifferences(boolean rs, boolean st, boolean init, boolean gb) {
        check(new Case(rs, st, init, gb, false, false, true));
    }

    @ParameterizedTest(name = "masked: return_sequences={0} go_backwards={1} zero_output_for_mask={2}")
    @MethodSource("maskedCombinations")
    void maskedGradientsMatchFiniteDifferences(boolean rs, boolean gb, boolean zeroOut) {
        check(new Case(rs, true, true, gb, true, zeroOut, true));
    }

    @Test
    void gradientsWithoutBias() {
        check(new Case(true, true, true, false, false, false, false));
    }

    record Case(boolean rs, boolean st, boolean init, boolean gb, boolean masked, boolean zeroOut, boolean useBias) {
    }

    private static void check(Case c) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> names = new ArrayList<>(List.of("x", "kernel", "recurrent_kernel"));
        List<float[]> params = new ArrayList<>(List.of(random(rnd, B * T * F, 1), random(rnd, F * 4 * U, 0.6),
                random(rnd, U * 4 * U, 0.6)));
        if (c.useBias) {
            names.add("bias");
            params.add(random(rnd, 4 * U, 0.6));
        }
        if (c.init) {
            names.addAll(List.of("h0", "c0"));
            params.addAll(List.of(random(rnd, B * U, 0.8), random(rnd, B * U, 0.8)));
        }
        LSTM lstm = new LSTM(U).returnSequences(c.rs).returnState(c.st).goBackwards(c.gb)
                .zeroOutputForMask(c.zeroOut).useBias(c.useBias);
        lstm.build(Shape.of(B, T, F));
        List<Tensor> w = new ArrayList<>(List.of(Tensor.of(params.get(1).clone(), F, 4 * U),
                Tensor.of(params.get(2).clone(), U, 4 * U)));
        if (c.useBias) {
            w.add(Tensor.of(params.get(3).clone(), 4 * U));
        }
        lstm.setWeights(w);
        Tensor x = Tensor.of(params.get(0).clone(), B, T, F);
        Tensor[] inputs = c.init
                ? new Tensor[] {x, Tensor.of(params.get(params.size() - 2).clone(), B, U), Tensor.of(params.get(params.size() - 1).clone(), B, U)}
                : new Tensor[] {x};
        CallContext ctx = c.masked ? CallContext.inference().withMask(Tensor.of(MASK.clone(), B, T)) : CallContext.inference();

        List<Tensor> sources = new ArrayList<>(List.of(x));
        lstm.weights().forEach(v -> sources.add(v.value()));
        for (int k = 1; k < inputs.length; k++) {
            sources.add(inputs[k]);
        }
        LstmReference ref = new LstmReference(B, T, F, U, c.gb, c.rs, c.zeroOut);
        double[][] p = new double[params.size()][];
        for (int k = 0; k < p.length; k++) {
            p[k] = toDouble(params.get(k));
        }
        CHECK.check(c.toString(), in -> lstm.call(ctx, in), inputs, sources, p, names.toArray(new String[0]),
                q -> run(ref, c, q));
    }

    private static double[][] run(LstmReference ref, Case c, double[][] p) {
        int k = 3;
        double[] bias = c.useBias ? p[k++] : null;
        double[] h0 = c.init ? p[k++] : null;
        double[] c0 = c.init ? p[k] : null;
        return ref.run(p[0], p[1], p[2], bias, h0, c0, c.masked ? MASK : null);
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
