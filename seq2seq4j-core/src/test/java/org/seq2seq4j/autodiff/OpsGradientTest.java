package org.seq2seq4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.GradCheck;

/** Every op in {@link Ops} against central finite differences. */
class OpsGradientTest {
    private static final double EPS = 1e-2;
    private static final double TOL = 1e-4;

    /** Values in [-1, 1) nudged away from 0 so relu-like kinks are not crossed by the finite difference. */
    private static Tensor awayFromKinks(Shape s, long seed) {
        Tensor t = Tensor.random(s, seed);
        for (int i = 0; i < t.size(); i++) {
            float v = t.data()[i];
            t.data()[i] = v >= 0 ? v + 0.1f : v - 0.1f;
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void denseWithEveryActivation(ActivationFunction a) {
        Tensor x = awayFromKinks(Shape.of(3, 2, 4), 1);
        Tensor w = Tensor.random(Shape.of(4, 5), 2);
        Tensor b = Tensor.random(Shape.of(5), 3);
        // kinked activations take a smaller step so no pre-activation of these fixed inputs crosses a kink
        boolean smooth = a != ActivationFunction.RELU && a != ActivationFunction.HARD_SIGMOID && a != ActivationFunction.HARD_SIGMOID_KERAS2;
        GradCheck.check("dense " + a, in -> new Tensor[] {Ops.dense(in[0], in[1], in[2], a)},
                new Tensor[] {x, w, b}, new int[] {0, 1, 2}, smooth ? EPS : 1e-3, TOL);
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void activation(ActivationFunction a) {
        Tensor x = awayFromKinks(Shape.of(2, 3, 4), 4);
        if (a == ActivationFunction.HARD_SIGMOID) {
            x.data()[0] = 5f; // saturated region, gradient 0
        }
        GradCheck.check("activation " + a, in -> new Tensor[] {Ops.activation(in[0], a)},
                new Tensor[] {x}, new int[] {0}, 1e-3, TOL);
    }

    @Test
    void denseWithoutBias() {
        GradCheck.check("dense no bias", in -> new Tensor[] {Ops.dense(in[0], in[1], null, ActivationFunction.TANH)},
                new Tensor[] {Tensor.random(Shape.of(4, 3), 5), Tensor.random(Shape.of(3, 2), 6)},
                new int[] {0, 1}, EPS, TOL);
    }

    @Test
    void reshapeRepeatAndScale() {
        float[] keep = new float[24];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = i % 3 == 0 ? 0f : 2f;
        }
        GradCheck.check("reshape+repeat+scale", in -> {
            Tensor r = Ops.repeat(in[0], 4);                          // (2, 4, 3)
            Tensor f = Ops.reshape(r, Shape.of(2, 12));
            return new Tensor[] {Ops.scale(f, keep), Ops.activation(r, ActivationFunction.TANH)};
        }, new Tensor[] {Tensor.random(Shape.of(2, 3), 7)}, new int[] {0}, EPS, TOL);
    }

    @Test
    void gatherAddsRowGradients() {
        Tensor ids = Tensor.of(new float[] {0, 2, 2, 1, 0, 0}, 2, 3);
        GradCheck.check("gather", in -> new Tensor[] {Ops.gather(in[0], in[1], "test")},
                new Tensor[] {ids, Tensor.random(Shape.of(3, 4), 8)}, new int[] {1}, EPS, TOL);
    }

    @Test
    void gatherRejectsIdsOutOfRange() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Ops.gather(Tensor.of(new float[] {0, 5}, 1, 2), Tensor.zeros(3, 2), "Embedding 'e'"));
        assertEquals("Embedding 'e'", e.subject());
    }

    @Test
    void gradientsAccumulateWhenATensorIsUsedTwice() {
        Variable w = new Variable("w", Tensor.of(new float[] {2}, 1, 1), true);
        Tensor x = Tensor.of(new float[] {3}, 1, 1);
        try (Tape tape = Tape.record()) {
            Tensor y1 = Ops.dense(x, w.read(), null, ActivationFunction.LINEAR);
            Tensor y2 = Ops.dense(y1, w.read(), null, ActivationFunction.LINEAR);   // y2 = x * w^2
            Map<Tensor, Tensor> g = tape.gradient(y2, List.of(w.value()));
            assertEquals(2 * 3 * 2, g.get(w.value()).item(), 1e-6);       // d(x w^2)/dw = 2 x w
        }
    }
}
