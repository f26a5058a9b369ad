package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seq2seq4j.testing.ReferenceGradCheck.toFloat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.Bidirectional.MergeMode;
import org.seq2seq4j.layers.recurrent.LstmReference;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.ReferenceGradCheck;

/**
 * Bidirectional(LSTM) outputs and tape gradients against a double-precision reference built from
 * {@link LstmReference} (checked against the Keras goldens) and the Keras 3 rules of
 * {@code bidirectional.py}: the backward layer goes backwards, its sequence is flipped back to
 * input order, outputs merge by mode, states come forward first, initial states split
 * [forward..., backward...], both layers get the mask and zero_output_for_mask = return_sequences.
 * Gradients of {@code loss = Σ output·r} are compared with central finite differences of the
 * reference for x, all six weights and the four initial states.
 */
class BidirectionalGradientTest {
    private static final int B = 2;
    private static final int T = 4;
    private static final int F = 3;
    private static final int U = 2;
    /** Row 0: a masked step inside; row 1: masked at both ends. */
    private static final float[] MASK = {1, 0, 1, 1, 0, 1, 1, 0};
    private static final ReferenceGradCheck CHECK = new ReferenceGradCheck(1e-5, 1e-4);
    /** x, then kernel, recurrent_kernel, bias of the forward and of the backward layer, then fwd_h, fwd_c, bwd_h, bwd_c. */
    private static final String[] NAMES = {"x", "fwd kernel", "fwd recurrent_kernel", "fwd bias", "bwd kernel",
        "bwd recurrent_kernel", "bwd bias", "fwd_h", "fwd_c", "bwd_h", "bwd_c"};

    record Case(MergeMode mode, boolean rs, boolean st, boolean init, boolean masked) {
    }

    static Stream<Arguments> everyModeAndReturnOption() {
        List<Arguments> out = new ArrayList<>();
        for (MergeMode m : MergeMode.values()) {
            for (int bits = 0; bits < 4; bits++) {
                out.add(Arguments.of(m, (bits & 1) != 0, (bits & 2) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} return_sequences={1} return_state={2}, initial states")
    @MethodSource("everyModeAndReturnOption")
    void withInitialStates(MergeMode m, boolean rs, boolean st) {
        check(new Case(m, rs, st, true, false));
    }

    @ParameterizedTest(name = "{0} return_sequences={1} return_state={2}, initial states and mask")
    @MethodSource("everyModeAndReturnOption")
    void withInitialStatesAndMask(MergeMode m, boolean rs, boolean st) {
        check(new Case(m, rs, st, true, true));
    }

    @ParameterizedTest(name = "{0}, zero states, mask")
    @EnumSource(MergeMode.class)
    void withoutInitialStates(MergeMode m) {
        check(new Case(m, true, true, false, true));
    }

    private static void check(Case c) {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] sizes = {B * T * F, F * 4 * U, U * 4 * U, 4 * U, F * 4 * U, U * 4 * U, 4 * U, B * U, B * U, B * U, B * U};
        int count = c.init ? sizes.length : 7;
        double[][] p = new double[count][];
        for (int k = 0; k < count; k++) {
            p[k] = new double[sizes[k]];
            for (int i = 0; i < sizes[k]; i++) {
                p[k][i] = (float) ((rnd.nextDouble() * 2 - 1) * (k == 0 ? 1.0 : 0.7));
            }
        }
        Bidirectional bi = new Bidirectional(new LSTM(U).returnSequences(c.rs).returnState(c.st)
                .maskWithInitialStates(true)).mergeMode(c.mode);             // the reference masks every call
        bi.build(Shape.of(B, T, F));
        List<Tensor> weights = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            weights.add(Tensor.of(toFloat(p[k]), bi.weights().get(k - 1).shape()));
        }
        bi.setWeights(weights);
        Tensor[] inputs = new Tensor[count - 6];
        inputs[0] = Tensor.of(toFloat(p[0]), B, T, F);
        for (int k = 7; k < count; k++) {
            inputs[k - 6] = Tensor.of(toFloat(p[k]), B, U);
        }
        List<Tensor> sources = new ArrayList<>(List.of(inputs[0]));
        bi.weights().forEach(v -> sources.add(v.value()));
        sources.addAll(List.of(inputs).subList(1, inputs.length));
        CallContext ctx = CallContext.inference().withMask(c.masked ? Tensor.of(MASK.clone(), B, T) : null);
        Tensor[] out = bi.call(ctx, inputs);
        List<Shape> shapes = bi.computeOutputShapes(Shape.of(B, T, F));
        assertEquals(shapes.size(), out.length, c + ": number of outputs");
        for (int k = 0; k < out.length; k++) {
            assertEquals(shapes.get(k), out[k].shape(), c + " computeOutputShapes[" + k + "]");
        }
        assertEquals(reference(c, p).length, out.length, c + ": number of reference outputs");
        CHECK.check(c.toString(), in -> bi.call(ctx, in), inputs, sources, p, NAMES, q -> reference(c, q));
    }

    /** The Keras 3 Bidirectional outputs, in double. */
    private static double[][] reference(Case c, double[][] p) {
        float[] mask = c.masked ? MASK : null;
        double[][] f = new LstmReference(B, T, F, U, false, c.rs, c.rs)
                .run(p[0], p[1], p[2], p[3], c.init ? p[7] : null, c.init ? p[8] : null, mask);
        double[][] b = new LstmReference(B, T, F, U, true, c.rs, c.rs)
                .run(p[0], p[4], p[5], p[6], c.init ? p[9] : null, c.init ? p[10] : null, mask);
        double[] y = f[0];
        double[] yRev = c.rs ? flipTime(b[0]) : b[0];
        List<double[]> out = new ArrayList<>();
        if (c.mode == MergeMode.NONE) {
            out.add(y);
            out.add(yRev);
        } else {
            out.add(merge(c.mode, y, yRev));
        }
        if (c.st) {
            out.addAll(List.of(f[1], f[2], b[1], b[2]));
        }
        return out.toArray(new double[0][]);
    }

    /** (B, T, U) with the time axis reversed. */
    private static double[] flipTime(double[] seq) {
        double[] out = new double[seq.length];
        for (int r = 0; r < B; r++) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(seq, (r * T + t) * U, out, (r * T + T - 1 - t) * U, U);
            }
        }
        return out;
    }

    /** Row by row (rows of U values): concat puts the backward row after the forward row. */
    private static double[] merge(MergeMode m, double[] y, double[] yRev) {
        int rows = y.length / U;
        double[] out = new double[m == MergeMode.CONCAT ? 2 * y.length : y.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < U; j++) {
                double a = y[r * U + j];
                double b = yRev[r * U + j];
                switch (m) {
                    case CONCAT -> {
                        out[r * 2 * U + j] = a;
                        out[r * 2 * U + U + j] = b;
                    }
                    case SUM -> out[r * U + j] = a + b;
                    case AVE -> out[r * U + j] = (a + b) / 2;
                    case MUL -> out[r * U + j] = a * b;
                    case NONE -> throw new IllegalArgumentException("NONE is not merged");
                }
            }
        }
        return out;
    }
}
