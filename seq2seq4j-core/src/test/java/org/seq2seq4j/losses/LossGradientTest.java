package org.seq2seq4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * d loss / d y_pred through the tape against central finite differences of the loss evaluated in
 * double, for every loss, with and without from_logits, over sample weights, masks and reductions.
 */
class LossGradientTest {
    private static final int BATCH = 3;
    private static final int TIME = 4;
    private static final int CLASSES = 5;

    record Kind(String name, Supplier<Loss> make, boolean sparse, boolean probabilities, boolean binary) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Kind> kinds() {
        return List.of(
                new Kind("mse", MeanSquaredError::new, false, false, false),
                new Kind("mae", MeanAbsoluteError::new, false, false, false),
                new Kind("bce", BinaryCrossentropy::new, false, true, true),
                new Kind("bce_logits", () -> new BinaryCrossentropy().fromLogits(true), false, false, true),
                new Kind("bce_smoothing", () -> new BinaryCrossentropy().labelSmoothing(0.2), false, true, true),
                new Kind("cce", CategoricalCrossentropy::new, false, true, false),
                new Kind("cce_logits", () -> new CategoricalCrossentropy().fromLogits(true), false, false, false),
                new Kind("cce_logits_smoothing", () -> new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1), false, false, false),
                new Kind("scce", SparseCategoricalCrossentropy::new, true, true, false),
                new Kind("scce_logits", () -> new SparseCategoricalCrossentropy().fromLogits(true), true, false, false));
    }

    enum Weighting { NONE, PER_SAMPLE, PER_TIMESTEP, MASK, MASK_AND_WEIGHTS, SCALAR }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : kinds()) {
            for (Weighting w : Weighting.values()) {
                for (Reduction r : List.of(Reduction.SUM_OVER_BATCH_SIZE, Reduction.SUM, Reduction.MEAN_WITH_SAMPLE_WEIGHT)) {
                    out.add(Arguments.of(k, w, r));
                }
            }
            out.add(Arguments.of(k, Weighting.MASK, Reduction.NONE));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Kind kind, Weighting weighting, Reduction reduction) {
        SplittableRandom r = new SplittableRandom(kind.name().hashCode() * 31L + weighting.ordinal());
        Tensor yPred = prediction(kind, r);
        Tensor yTrue = target(kind, r);
        Tensor sw = switch (weighting) {
            case PER_SAMPLE -> random(r, 0.2, 2, BATCH, 1);
            case PER_TIMESTEP, MASK_AND_WEIGHTS -> random(r, 0.2, 2, BATCH, TIME);
            case SCALAR -> Tensor.scalar(1.7f);
            default -> null;
        };
        Tensor mask = weighting == Weighting.MASK || weighting == Weighting.MASK_AND_WEIGHTS
                ? Tensor.of(new float[] {1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0}, BATCH, TIME) : null;
        Loss loss = kind.make().get().reduction(reduction);
        // reduction none: differentiate sum_e c_e * loss_e with fixed random c
        Tensor seed = reduction == Reduction.NONE ? random(r, -1, 1, BATCH, TIME) : Tensor.scalar(1);

        Tensor grad;
        try (Tape tape = Tape.record()) {
            tape.watch(yPred);
            Tensor value = loss.call(yTrue, yPred, sw, mask);
            grad = tape.gradient(new Tensor[] {value}, new Tensor[] {seed}, List.of(yPred)).get(yPred);
        }
        float[] p = yPred.data();
        for (int i = 0; i < p.length; i++) {
            float orig = p[i];
            float up = orig + 1e-4f;
            float down = orig - 1e-4f;
            p[i] = up;
            double fUp = evaluate(loss, yTrue, yPred, sw, mask, seed);
            p[i] = down;
            double fDown = evaluate(loss, yTrue, yPred, sw, mask, seed);
            p[i] = orig;
            double numeric = (fUp - fDown) / ((double) up - down);
            double analytic = grad.data()[i];
            if (Math.abs(numeric - analytic) > 1e-4 * Math.max(1, Math.abs(numeric))) {
                fail(String.format("%s %s %s: d/dy_pred[%d] analytic %.8g numeric %.8g", kind, weighting, reduction, i,
                        analytic, numeric));
            }
        }
    }

    /**
     * The loss in double: the op's reduced value, or for reduction none (only used with a mask here)
     * sum_e seed_e * mask_e * loss_e from the per-entry values.
     */
    private static double evaluate(Loss loss, Tensor yTrue, Tensor yPred, Tensor sw, Tensor mask, Tensor seed) {
        if (loss.reduction() != Reduction.NONE) {
            LossOp op = loss.op(yTrue, yPred, sw, mask);
            op.forward(yPred);
            return op.value();
        }
        double s = 0;
        int tw = loss.trueWidth(CLASSES);
        for (int e = 0; e < BATCH * TIME; e++) {
            s += (double) seed.data()[e] * mask.data()[e] * loss.entry(yTrue.data(), e * tw, yPred.data(), e * CLASSES, CLASSES);
        }
        return s;
    }

    /** Predictions of shape (batch, time, classes) away from kinks and clip bounds. */
    private static Tensor prediction(Kind kind, SplittableRandom r) {
        Tensor x = random(r, -2, 2, BATCH, TIME, CLASSES);
        float[] d = x.data();
        if (kind.probabilities() && kind.binary()) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (1 / (1 + Math.exp(-d[i])));
            }
        } else if (kind.probabilities()) {
            for (int row = 0; row < d.length; row += CLASSES) {
                double s = 0;
                for (int k = 0; k < CLASSES; k++) {
                    s += Math.exp(d[row + k]);
                }
                for (int k = 0; k < CLASSES; k++) {
                    d[row + k] = (float) (Math.exp(d[row + k]) / s * 1.3);   // not normalised: CCE renormalises
                }
            }
        }
        return x;
    }

    private static Tensor target(Kind kind, SplittableRandom r) {
        if (kind.sparse()) {
            float[] ids = new float[BATCH * TIME];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(CLASSES);
            }
            return Tensor.of(ids, BATCH, TIME);
        }
        Tensor t = random(r, -1, 1, BATCH, TIME, CLASSES);
        float[] d = t.data();
        if (kind.binary()) {
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] > 0 ? 1 : 0;
            }
        } else if (kind.probabilities() || kind.name().startsWith("cce")) {
            for (int row = 0; row < d.length; row += CLASSES) {
                int hot = r.nextInt(CLASSES);
                for (int k = 0; k < CLASSES; k++) {
                    d[row + k] = k == hot ? 1 : 0;
                }
            }
        } else {
            // MAE/MSE: keep |y_true - y_pred| away from 0 so MAE has no kink within h
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] + (d[i] >= 0 ? 3 : -3);
            }
        }
        return t;
    }

    private static Tensor random(SplittableRandom r, double lo, double hi, int... dims) {
        Tensor t = Tensor.zeros(Shape.of(dims));
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void noTapeMeansNoRecord(Kind kind) {
        SplittableRandom r = new SplittableRandom(1);
        Tensor v = kind.make().get().call(target(kind, r), prediction(kind, r));
        assertEquals(Shape.scalar(), v.shape());
    }
}
