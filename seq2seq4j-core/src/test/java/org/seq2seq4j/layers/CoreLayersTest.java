package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Exact, hand-computed behaviour of the core layers and their error messages. */
class CoreLayersTest {

    @Test
    void denseOnRank3AppliesPerTimestepWithKerasParamCount() {
        Dense d = new Dense(5);
        Tensor y = d.apply(Tensor.random(Shape.of(2, 7, 12), 1));
        assertEquals(Shape.of(2, 7, 5), y.shape());
        assertEquals(65, d.countParams());
        // kernel of ones and bias 0.5: every output is sum(x_row) + 0.5
        Dense e = new Dense(2).kernelInitializer(org.seq2seq4j.initializers.Initializers.ones())
                .biasInitializer(org.seq2seq4j.initializers.Initializers.constant(0.5));
        Tensor out = e.apply(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3));
        assertArrayEquals(new float[] {6.5f, 6.5f, 15.5f, 15.5f}, out.data(), 1e-6f);
    }

    @Test
    void denseRejectsWrongRankAndChangedWidth() {
        Dense d = new Dense(3);
        d.name("proj");
        ShapeException rank = assertThrows(ShapeException.class, () -> d.apply(Tensor.zeros(4)));
        assertEquals("Dense 'proj'", rank.subject());
        assertEquals(Shape.of(4), rank.received());
        d.apply(Tensor.zeros(2, 4));
        ShapeException width = assertThrows(ShapeException.class, () -> d.apply(Tensor.zeros(2, 5)));
        assertTrue(width.getMessage().contains("last axis 4"), width.getMessage());
        assertThrows(Seq2SeqException.class, () -> d.useBias(false));
    }

    @Test
    void badArgumentsAreConfigExceptions() {
        ConfigException units = assertThrows(ConfigException.class, () -> new Dense(0));
        assertEquals("units", units.argument());
        assertEquals("0", units.received());
        assertThrows(ConfigException.class, () -> new Dropout(1.0));
        assertThrows(ConfigException.class, () -> new RepeatVector(-1));
        assertThrows(ConfigException.class, () -> new Embedding(0, 4));
        ConfigException act = assertThrows(ConfigException.class,
                () -> Layers.fromConfig("Dense", new LayerConfig().put("units", 2).put("activation", "swishy")));
        assertTrue(act.getMessage().contains("'swishy'"), act.getMessage());
        ConfigException cls = assertThrows(ConfigException.class, () -> Layers.fromConfig("Dense3D", new LayerConfig()));
        assertTrue(cls.getMessage().contains("'Dense3D'"), cls.getMessage());
    }

    @Test
    void dropoutIsIdentityAtInferenceAndInvertedScalingInTraining() {
        Dropout d = new Dropout(0.25);
        Tensor x = Tensor.random(Shape.of(100, 40), 3);
        assertSame(x, d.apply(x));
        Tensor y = d.call(CallContext.training(new SplittableRandom(1)), x)[0];
        int zeros = 0;
        for (int i = 0; i < x.size(); i++) {
            if (y.data()[i] == 0f) {
                zeros++;
            } else {
                assertEquals(x.data()[i] / 0.75f, y.data()[i], 1e-6f);
            }
        }
        assertEquals(0.25, zeros / 4000.0, 0.03);
    }

    @Test
    void embeddingUsesPretrainedRowsAndMasksZeros() {
        Tensor table = Tensor.of(new float[] {0, 0, 1, 2, 3, 4}, 3, 2);
        Embedding e = new Embedding(3, 2).embeddings(table).maskZero(true);
        e.trainable(false);
        Tensor ids = Tensor.of(new float[] {2, 1, 0}, 1, 3);
        Tensor y = e.apply(ids);
        assertArrayEquals(new float[] {3, 4, 1, 2, 0, 0}, y.data());
        assertArrayEquals(new float[] {1, 1, 0}, e.computeMask(new Tensor[] {ids}, null).data());
        assertEquals(List.of(), e.trainableWeights());
        assertThrows(ShapeException.class, () -> e.apply(Tensor.of(new float[] {3}, 1, 1)));
        assertThrows(ShapeException.class, () -> new Embedding(3, 2).embeddings(Tensor.zeros(2, 2)));
        assertThrows(ShapeException.class, () -> new Embedding(9, 2).inputLength(4).apply(Tensor.zeros(1, 5)));
    }

    @Test
    void repeatVectorFlattenAndTimeDistributedShapes() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor r = new RepeatVector(3).apply(x);
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, r.data());
        assertNull(new RepeatVector(3).computeMask(new Tensor[] {x}, Tensor.zeros(2, 2)));
        assertEquals(Shape.of(2, 6), new Flatten().apply(r).shape());
        TimeDistributed td = new TimeDistributed(new Dense(4));
        assertEquals(Shape.of(2, 3, 4), td.apply(r).shape());
        assertEquals(Shape.of(Shape.UNKNOWN, 3, 4), td.computeOutputShape(Shape.of(Shape.UNKNOWN, 3, 2)));
        assertEquals(td.name() + "/" + td.layer().name() + "/kernel", td.weights().get(0).path());
        assertThrows(ShapeException.class, () -> new RepeatVector(2).apply(r));
    }

    @Test
    void activationLayerSoftmaxRowsSumToOne() {
        Tensor y = new org.seq2seq4j.layers.Activation(ActivationFunction.SOFTMAX).apply(Tensor.of(new float[] {0, 0, 0, Float.MIN_VALUE}, 2, 2));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, y.data(), 1e-7f);
    }

    @Test
    void configsRoundTrip() {
        List<Layer> layers = List.of(new Dense(3).activation(ActivationFunction.TANH).useBias(false), new Dropout(0.3),
                new RepeatVector(4), new Flatten(), new Embedding(10, 3).maskZero(true).inputLength(5),
                new TimeDistributed(new Dense(2)), new org.seq2seq4j.layers.Activation(ActivationFunction.RELU),
                InputLayer.ofShape(4, 2));
        for (Layer l : layers) {
            LayerConfig c = Layers.serialize(l);
            Layer again = Layers.deserialize(c);
            assertEquals(l.getClass(), again.getClass());
            assertEquals(c, Layers.serialize(again), l.describe());
        }
    }
}
