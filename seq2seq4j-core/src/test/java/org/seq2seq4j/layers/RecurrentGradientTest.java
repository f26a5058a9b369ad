package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.seq2seq4j.layers.RnnGradientSupport.loss;
import static org.seq2seq4j.layers.RnnGradientSupport.random;
import static org.seq2seq4j.layers.RnnGradientSupport.toDouble;
import static org.seq2seq4j.layers.RnnGradientSupport.toFloat;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.recurrent.CellReference;
import org.seq2seq4j.layers.recurrent.FusedCell;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RnnDropout;
import org.seq2seq4j.layers.recurrent.SimpleRNNCell;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * BPTT of LSTM (with and without bias), GRU (both reset modes), SimpleRNN, RNN(cell) and stacked cells against central finite
 * differences of {@link CellReference}, a double-precision per-step reference written from the
 * Keras formulas, for loss = Σ output·r over every output, with respect to x, every weight and the
 * initial states: every return_sequences × return_state × initial_state × go_backwards
 * combination, masks, and training calls with dropout (the reference redraws the same masks).
 */
class RecurrentGradientTest {
    private static final int B = 2;
    private static final int T = 4;
    private static final int F = 3;
    private static final int U = 3;
    /** Row 0: a masked step inside; row 1: masked before its first valid step and after it. */
    private static final float[] MASK = {1, 0, 1, 1, 0, 0, 1, 0};
    private static final double STEP = 1e-5;
    private static final double TOL = 1e-4;

    /** The layers under test, made with the given dropout and recurrent dropout. */
    enum Type {
        LSTM_LAYER((d, rd) -> new LSTM(U).dropout(d).recurrentDropout(rd)),
        LSTM_WITHOUT_BIAS((d, rd) -> new LSTM(U).useBias(false).dropout(d).recurrentDropout(rd)),
        GRU_RESET_AFTER((d, rd) -> new GRU(U).dropout(d).recurrentDropout(rd)),
        GRU_RESET_BEFORE((d, rd) -> new GRU(U).resetAfter(false).dropout(d).recurrentDropout(rd)),
        SIMPLE_RNN((d, rd) -> new SimpleRNN(U).dropout(d).recurrentDropout(rd)),
        RNN_LSTM_CELL((d, rd) -> new RNN(new LSTMCell(U).dropout(d).recurrentDropout(rd))),
        RNN_GRU_CELL((d, rd) -> new RNN(new GRUCell(U).resetAfter(false).dropout(d).recurrentDropout(rd))),
        RNN_SIMPLE_RNN_CELL((d, rd) -> new RNN(new SimpleRNNCell(U).dropout(d).recurrentDropout(rd))),
        STACKED_CELLS((d, rd) -> new RNN(List.of(new GRUCell(U).dropout(d).recurrentDropout(rd),
                new LSTMCell(2).dropout(d).recurrentDropout(rd), new SimpleRNNCell(U).useBias(false))));

        final BiFunction<Double, Double, RecurrentLayer<?>> make;

        Type(BiFunction<Double, Double, RecurrentLayer<?>> make) {
            this.make = make;
        }
    }

    static Stream<Arguments> unmaskedCombinations() {
        List<Arguments> out = new ArrayList<>();
        for (Type type : Type.values()) {
            for (int bits = 0; bits < 16; bits++) {
                out.add(Arguments.of(type, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> maskedCombinations() {
        List<Arguments> out = new ArrayList<>();
        for (Type type : Type.values()) {
            for (int bits = 0; bits < 8; bits++) {
                out.add(Arguments.of(type, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} return_sequences={1} return_state={2} initial_state={3} go_backwards={4}")
    @MethodSource("unmaskedCombinations")
    void gradientsMatchFiniteDifferences(Type type, boolean rs, boolean st, boolean init, boolean gb) {
        check(type, new Case(rs, st, init, gb, false, false, 0, 0));
    }

    @ParameterizedTest(name = "{0} masked: return_sequences={1} go_backwards={2} zero_output_for_mask={3}")
    @MethodSource("maskedCombinations")
    void maskedGradientsMatchFiniteDifferences(Type type, boolean rs, boolean gb, boolean zeroOut) {
        check(type, new Case(rs, true, true, gb, true, zeroOut, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Type.class)
    void trainingWithInputDropoutMatchesTheReferenceWithTheSameMasks(Type type) {
        check(type, new Case(true, true, true, false, true, false, 0.3, 0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Type.class)
    void trainingWithPerGateDropoutMatchesTheReferenceWithTheSameMasks(Type type) {
        check(type, new Case(false, true, false, true, false, false, 0.3, 0.4));
    }

    record Case(boolean rs, boolean st, boolean init, boolean gb, boolean masked, boolean zeroOut,
                double dropout, double recurrentDropout) {
        boolean training() {
            return dropout > 0 || recurrentDropout > 0;
        }
    }

    private static void check(Type type, Case c) {
        RecurrentLayer<?> layer = type.make.apply(c.dropout, c.recurrentDropout);
        layer.returnSequences(c.rs).returnState(c.st).goBackwards(c.gb).zeroOutputForMask(c.zeroOut);
        layer.maskWithInitialStates(true);                      // the reference masks calls with initial states too
        layer.build(Shape.of(B, T, F));
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> names = new ArrayList<>(List.of("x"));
        List<float[]> params = new ArrayList<>(List.of(random(rnd, B * T * F, 1)));
        List<Tensor> weights = new ArrayList<>();
        for (Variable v : layer.weights()) {
            names.add(v.path());
            float[] w = random(rnd, v.shape().size(), 0.6);
            params.add(w);
            weights.add(Tensor.of(w.clone(), v.shape()));
        }
        layer.setWeights(weights);
        Tensor x = Tensor.of(params.get(0).clone(), B, T, F);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (c.init) {
            for (RecurrentCell cell : layer.cells()) {
                for (int s = 0; s < cell.stateCount(); s++) {
                    float[] st = random(rnd, B * cell.outputSize(), 0.8);
                    names.add("initial_state_" + (inputs.size() - 1));
                    params.add(st);
                    inputs.add(Tensor.of(st.clone(), B, cell.outputSize()));
                }
            }
        }
        CallContext ctx = c.training() ? CallContext.training(new SplittableRandom(11)) : CallContext.inference();
        if (c.masked) {
            ctx = ctx.withMask(Tensor.of(MASK.clone(), B, T));
        }
        List<Tensor> sources = new ArrayList<>(List.of(x));
        layer.weights().forEach(v -> sources.add(v.value()));
        sources.addAll(inputs.subList(1, inputs.size()));
        Tensor[] out;
        Tensor[] seeds;
        Map<Tensor, Tensor> grads;
        try (Tape tape = Tape.record()) {
            for (Tensor in : inputs) {
                tape.watch(in);
            }
            out = layer.call(ctx, inputs.toArray(new Tensor[0]));
            seeds = new Tensor[out.length];
            for (int k = 0; k < out.length; k++) {
                seeds[k] = Tensor.random(out[k].shape(), 100 + k);
            }
            grads = tape.gradient(out, seeds, sources);
        }

        Reference ref = new Reference(layer, c);
        double[][] p = new double[params.size()][];
        for (int k = 0; k < p.length; k++) {
            p[k] = toDouble(params.get(k));
        }
        double[][] refOut = ref.run(p);
        String what = type + " " + c;
        for (int k = 0; k < out.length; k++) {
            assertAllClose(toFloat(refOut[k]), out[k].data(), 1e-5, what + " forward output " + k);
        }
        for (int k = 0; k < p.length; k++) {
            float[] analytic = grads.get(sources.get(k)).data();
            for (int i = 0; i < p[k].length; i++) {
                double keep = p[k][i];
                p[k][i] = keep + STEP;
                double up = loss(ref.run(p), seeds);
                p[k][i] = keep - STEP;
                double down = loss(ref.run(p), seeds);
                p[k][i] = keep;
                double fd = (up - down) / (2 * STEP);
                if (!(Math.abs(analytic[i] - fd) <= TOL * Math.max(Math.abs(fd), 1e-2))) {
                    fail(String.format("%s: d loss / d %s[%d]: finite difference %.8g, backward %.8g", what, names.get(k), i, fd, analytic[i]));
                }
            }
        }
    }

    /** The layer's cells as {@link CellReference} cells over a parameter list [x, weights..., initial states...]. */
    private static final class Reference {
        private final RecurrentLayer<?> layer;
        private final Case c;
        private final List<RnnDropout> dropouts = new ArrayList<>();

        Reference(RecurrentLayer<?> layer, Case c) {
            this.layer = layer;
            this.c = c;
            SplittableRandom random = new SplittableRandom(11);   // the same stream the training call drew from
            int features = F;
            for (RecurrentCell cell : layer.cells()) {
                FusedCell<?> fused = (FusedCell<?>) cell;
                dropouts.add(c.training() ? fused.drawDropout(random, B, features) : RnnDropout.NONE);
                features = fused.units();
            }
        }

        double[][] run(double[][] p) {
            List<CellReference.Cell> cells = new ArrayList<>();
            int k = 1;
            for (int i = 0; i < layer.cells().size(); i++) {
                FusedCell<?> cell = (FusedCell<?>) layer.cells().get(i);
                double[] bias = cell.useBias() ? p[k + 2] : null;
                cells.add(new CellReference.Cell(kind(cell), cell.units(), p[k], p[k + 1], bias,
                        dropouts.get(i).input(), dropouts.get(i).recurrent()));
                k += cell.useBias() ? 3 : 2;
            }
            double[][] initial = null;
            if (c.init) {
                initial = new double[p.length - k][];
                System.arraycopy(p, k, initial, 0, initial.length);
            }
            return new CellReference(B, T, F, c.gb, c.rs, c.zeroOut).run(p[0], cells, initial, c.masked ? MASK : null);
        }

        private static CellReference.Kind kind(FusedCell<?> cell) {
            if (cell instanceof LSTMCell) {
                return CellReference.Kind.LSTM;
            }
            if (cell instanceof GRUCell g) {
                return g.resetAfter() ? CellReference.Kind.GRU_RESET_AFTER : CellReference.Kind.GRU_RESET_BEFORE;
            }
            return CellReference.Kind.SIMPLE_RNN;
        }
    }
}
