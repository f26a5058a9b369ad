package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The setters every layer has chain with the layer's own; activations are taken by Keras name too. */
class FluentApiTest {
    @Test
    void sharedSettersReturnTheConcreteLayer() {
        LSTM encoder = new LSTM(64).name("encoder").returnState(true);
        assertEquals("encoder", encoder.name());
        assertTrue(encoder.returnState());

        Tensor matrix = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Embedding frozen = new Embedding(3, 2).embeddings(matrix).trainable(false).maskZero(true);
        assertFalse(frozen.trainable());
        Tensor looked = frozen.apply(Tensor.of(new float[] {2, 0}, 1, 2));
        assertEquals(List.of(5f, 6f, 1f, 2f), List.of(looked.data()[0], looked.data()[1], looked.data()[2], looked.data()[3]));
        assertTrue(frozen.trainableWeights().isEmpty());

        Dense d = new Dense(3).inputShape(4).name("d").activation("relu").useBias(false);
        assertEquals(Shape.of(Shape.UNKNOWN, 4), d.batchInputShape());
        Concatenate c = new Concatenate(-1).name("join");
        assertEquals("join", c.name());
    }

    @Test
    void activationsByKerasName() {
        assertEquals(ActivationFunction.RELU, new Dense(2).activation("relu").getConfig().activation("activation", null));
        assertEquals(ActivationFunction.HARD_SIGMOID, new LSTM(2).recurrentActivation("hard_sigmoid").cell().recurrentActivation());
        assertEquals(ActivationFunction.RELU, new GRU(2).activation("relu").cell().activation());
        assertEquals(ActivationFunction.SOFTSIGN, new GRUCell(2).recurrentActivation("softsign").recurrentActivation());
        // softmax over the last axis of [0, ln 3]: [1/4, 3/4]
        Tensor y = new Activation("softmax").apply(Tensor.of(new float[] {0f, (float) Math.log(3)}, 1, 2));
        assertEquals(0.25f, y.data()[0], 1e-7f);
        assertEquals(0.75f, y.data()[1], 1e-7f);
        ConfigException bad = assertThrows(ConfigException.class, () -> new Dense(2).activation("relu6x"));
        assertTrue(bad.getMessage().contains("'relu6x'"), bad.getMessage());
    }

    @Test
    void applyGivesTheMainOutputAndApplyAllEveryOutput() {
        LSTM lstm = new LSTM(3).returnState(true);
        Tensor x = Tensor.random(Shape.of(2, 4, 5), 7);
        Tensor main = lstm.apply(x);
        List<Tensor> all = lstm.applyAll(x);
        assertEquals(3, all.size());
        assertEquals(List.of(main.data()[0], main.data()[5]), List.of(all.get(0).data()[0], all.get(0).data()[5]));
        // without return_sequences the output is the final h
        assertEquals(List.of(all.get(0).data()[0], all.get(0).data()[5]), List.of(all.get(1).data()[0], all.get(1).data()[5]));
        assertSame(Tensor.class, main.getClass());
    }
}
