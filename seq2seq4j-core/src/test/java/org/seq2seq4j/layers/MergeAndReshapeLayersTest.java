package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.layers.merging.Add;
import org.seq2seq4j.layers.merging.Average;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.merging.Dot;
import org.seq2seq4j.layers.merging.Multiply;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.GradCheck;

/** Merge, reshape, softmax and masking layers against hand-computed values and finite differences. */
class MergeAndReshapeLayersTest {
    private static final Tensor A = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
    private static final Tensor B = Tensor.of(new float[] {6, 5, 4, 3, 2, 1}, 1, 2, 3);

    @Test
    void elementwiseMerges() {
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, new Add().apply(A, B).data());
        assertArrayEquals(new float[] {6, 10, 12, 12, 10, 6}, new Multiply().apply(A, B).data());
        assertArrayEquals(new float[] {3.5f, 3.5f, 3.5f, 3.5f, 3.5f, 3.5f}, new Average().apply(A, B).data());
        ShapeException one = assertThrows(ShapeException.class, () -> new Add().apply(A));
        assertEquals(true, one.subject().startsWith("Add"));
        assertThrows(ShapeException.class, () -> new Add().apply(A, Tensor.zeros(1, 3, 2)));
    }

    @Test
    void concatenateAlongFeaturesOrTime() {
        assertArrayEquals(new float[] {1, 2, 3, 6, 5, 4, 4, 5, 6, 3, 2, 1}, new Concatenate().apply(A, B).data());
        assertEquals(Shape.of(1, 4, 3), new Concatenate(1).apply(A, B).shape());
        KerasTensor a = Input.of(30, 64);
        KerasTensor s = Input.of(30, 16);
        assertEquals(Shape.of(Shape.UNKNOWN, 30, 80), new Concatenate().apply(a, s).shape());
        assertThrows(ShapeException.class, () -> new Concatenate().apply(a, Input.of(29, 16)));
    }

    @Test
    void dotContractsTheGivenAxes() {
        // alphas (1, 2, 1) · values (1, 2, 3) over the time axis -> (1, 1, 3) = 0.25 * row0 + 0.75 * row1
        Tensor alphas = Tensor.of(new float[] {0.25f, 0.75f}, 1, 2, 1);
        Tensor ctx = new Dot(1).apply(alphas, A);
        assertEquals(Shape.of(1, 1, 3), ctx.shape());
        assertArrayEquals(new float[] {3.25f, 4.25f, 5.25f}, ctx.data(), 1e-6f);
        // rank 2: row-wise dot products
        Tensor d = new Dot(1).apply(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {5, 6, 7, 8}, 2, 2));
        assertArrayEquals(new float[] {17, 53}, d.data());
        // axes (2, 2): a·bᵀ per sample
        Tensor g = new Dot(2, 2).apply(A, B);
        assertArrayEquals(new float[] {28, 10, 73, 28}, g.data());
        assertThrows(ShapeException.class, () -> new Dot(1).apply(Tensor.zeros(1, 3, 1), A));
        assertThrows(ConfigException.class, () -> Dot.fromConfig(new LayerConfig().put("axes", 1).put("normalize", true)));
    }

    @Test
    void permuteReshapeSoftmax() {
        Tensor p = new Permute(2, 1).apply(A);
        assertEquals(Shape.of(1, 3, 2), p.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, p.data());
        assertEquals(Shape.of(1, 3, 2), new Reshape(-1, 2).apply(A).shape());
        assertThrows(ShapeException.class, () -> new Reshape(4, -1).apply(A));
        assertThrows(ConfigException.class, () -> new Reshape(-1, -1));
        assertThrows(ConfigException.class, () -> new Permute(1, 1));
        Tensor s = new Softmax(1).apply(Tensor.of(new float[] {0, 1, 0, 1}, 1, 2, 2));
        double e = Math.exp(1);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, s.data(), 1e-7f);
        Tensor t = new Softmax(1).apply(Tensor.of(new float[] {0, 0, 1, 0}, 1, 2, 2));
        assertArrayEquals(new float[] {(float) (1 / (1 + e)), 0.5f, (float) (e / (1 + e)), 0.5f}, t.data(), 1e-7f);
    }

    @Test
    void newOpsMatchFiniteDifferences() {
        GradCheck.check("permute", in -> new Tensor[] {Ops.permute(in[0], 2, 0, 1)},
                new Tensor[] {Tensor.random(Shape.of(2, 3, 4), 1)}, new int[] {0}, 1e-2, 1e-4);
        for (int axis = 0; axis < 3; axis++) {
            final int ax = axis;
            GradCheck.check("softmax axis " + ax, in -> new Tensor[] {Ops.softmax(in[0], ax)},
                    new Tensor[] {Tensor.random(Shape.of(2, 3, 4), 2)}, new int[] {0}, 1e-3, 1e-4);
        }
        GradCheck.check("batch matmul", in -> new Tensor[] {Ops.batchMatMul(in[0], in[1])},
                new Tensor[] {Tensor.random(Shape.of(2, 3, 4), 3), Tensor.random(Shape.of(2, 4, 5), 4)},
                new int[] {0, 1}, 1e-2, 1e-4);
        GradCheck.check("dot layers", in -> new Tensor[] {new Dot(1).apply(in[0], in[1]), new Dot(2, 2).apply(in[1], in[1])},
                new Tensor[] {Tensor.random(Shape.of(2, 3, 1), 5), Tensor.random(Shape.of(2, 3, 4), 6)},
                new int[] {0, 1}, 1e-2, 1e-4);
    }

    @Test
    void maskingMakesAnLstmSkipPaddedSteps() {
        Tensor x = Tensor.random(Shape.of(1, 4, 3), 7);
        for (int j = 6; j < 12; j++) {
            x.data()[j] = 0f;                             // timesteps 2 and 3 are padding
        }
        KerasTensor in = Input.of(4, 3);
        LSTM lstm = new LSTM(5);
        Model masked = Model.of(in, lstm.apply(new Masking(0.0).apply(in)));
        Tensor shortSeq = x.reshape(4, 3).slice(0, 2).reshape(1, 2, 3);
        assertAllClose(lstm.apply(shortSeq), masked.predict(x), 1e-6, "masked padding = shorter sequence");
        assertArrayEquals(new float[] {1, 1, 0, 0}, new Masking().computeMask(new Tensor[] {x}, null).data());
    }

    @Test
    void configsRoundTrip() {
        for (Layer l : List.of(new Concatenate(1), new Add(), new Multiply(), new Average(), new Dot(1, 2),
                new Permute(2, 1), new Reshape(3, -1), new Softmax(1), new Masking(-1))) {
            LayerConfig c = Layers.serialize(l);
            assertEquals(c, Layers.serialize(Layers.deserialize(c)), l.describe());
        }
    }
}
