package org.seq2seq4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.GradCheck;

/** {@link Ops#reverse}, {@link Ops#concat}, {@link Ops#add}, {@link Ops#average}, {@link Ops#multiply}: exact values and finite differences. */
class MergeOpsTest {
    private static final double EPS = 1e-2;
    private static final double TOL = 1e-4;

    private static Tensor counting(int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = i;
        }
        return t;
    }

    @Test
    void reverseFlipsOneAxis() {
        Tensor x = counting(2, 3, 2);
        assertArrayEquals(new float[] {4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7}, Ops.reverse(x, 1).data());
        assertArrayEquals(new float[] {1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10}, Ops.reverse(x, -1).data());
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5}, Ops.reverse(x, 0).data());
    }

    @Test
    void concatJoinsAlongAnAxis() {
        Tensor a = counting(2, 2, 1);
        Tensor b = Tensor.of(new float[] {10, 11, 12, 13, 14, 15, 16, 17}, 2, 2, 2);
        Tensor last = Ops.concat(-1, a, b);
        assertEquals(Shape.of(2, 2, 3), last.shape());
        assertArrayEquals(new float[] {0, 10, 11, 1, 12, 13, 2, 14, 15, 3, 16, 17}, last.data());
        Tensor time = Ops.concat(1, a, a);
        assertArrayEquals(new float[] {0, 1, 0, 1, 2, 3, 2, 3}, time.data());
    }

    @Test
    void elementwiseMerges() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new float[] {4, -5, 0.5f}, 3);
        assertArrayEquals(new float[] {5, -3, 3.5f}, Ops.add(a, b).data());
        assertArrayEquals(new float[] {2.5f, -1.5f, 1.75f}, Ops.average(a, b).data());
        assertArrayEquals(new float[] {4, -10, 1.5f}, Ops.multiply(a, b).data());
        assertArrayEquals(new float[] {4, -20, 4.5f}, Ops.multiply(a, b, a).data());
    }

    @Test
    void reverseGradient() {
        GradCheck.check("reverse", in -> new Tensor[] {Ops.reverse(in[0], 1)},
                new Tensor[] {Tensor.random(Shape.of(2, 3, 4), 1)}, new int[] {0}, EPS, TOL);
    }

    @Test
    void concatGradientReachesEveryInput() {
        GradCheck.check("concat", in -> new Tensor[] {Ops.concat(-1, in[0], in[1], in[2]), Ops.concat(1, in[0], in[0])},
                new Tensor[] {Tensor.random(Shape.of(2, 3, 2), 2), Tensor.random(Shape.of(2, 3, 1), 3),
                        Tensor.random(Shape.of(2, 3, 3), 4)}, new int[] {0, 1, 2}, EPS, TOL);
    }

    @Test
    void concatGradientSkipsInputsWithoutGradient() {
        GradCheck.check("concat, middle input constant", in -> new Tensor[] {Ops.concat(-1, in[0], in[1], in[2])},
                new Tensor[] {Tensor.random(Shape.of(2, 2), 5), Tensor.random(Shape.of(2, 3), 6),
                        Tensor.random(Shape.of(2, 1), 7)}, new int[] {0, 2}, EPS, TOL);
    }

    @Test
    void elementwiseMergeGradients() {
        Tensor[] in = {Tensor.random(Shape.of(2, 3), 8), Tensor.random(Shape.of(2, 3), 9), Tensor.random(Shape.of(2, 3), 10)};
        GradCheck.check("add", t -> new Tensor[] {Ops.add(t[0], t[1], t[2])}, in, new int[] {0, 1, 2}, EPS, TOL);
        GradCheck.check("average", t -> new Tensor[] {Ops.average(t[0], t[1])}, in, new int[] {0, 1}, EPS, TOL);
        GradCheck.check("multiply", t -> new Tensor[] {Ops.multiply(t[0], t[1], t[2])}, in, new int[] {0, 1, 2}, EPS, TOL);
        GradCheck.check("multiply, one input constant", t -> new Tensor[] {Ops.multiply(t[0], t[1])}, in,
                new int[] {1}, EPS, TOL);
    }

    @Test
    void mismatchedShapesAreRejected() {
        ShapeException add = assertThrows(ShapeException.class,
                () -> Ops.add(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertEquals("add", add.subject());
        assertEquals(Shape.of(2, 4), add.received());
        ShapeException concat = assertThrows(ShapeException.class,
                () -> Ops.concat(-1, Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
        assertEquals(Shape.of(3, 3), concat.received());
        ShapeException axis = assertThrows(ShapeException.class, () -> Ops.reverse(Tensor.zeros(2, 3), 2));
        assertEquals(Shape.of(2, 3), axis.received());
        assertThrows(ShapeException.class, () -> Ops.multiply());
    }
}
