package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The public registry of layer classes ({@link Layers#register}), the scoped {@link CustomObjects}
 * (layers and activations, as Keras's {@code custom_objects}) and {@link WeightBudget}; the Javadoc
 * examples of all three, word for word.
 */
class CustomObjectsTest {
    private static final LayerConfig ATTENTION = new LayerConfig().put("name", "attention_weights")
            .put("activation", "softmax");

    @Test
    void customObjectsExample() {
        CustomObjects custom = new CustomObjects()
                .activation("softmax", () -> new Softmax(1));   // the file's 'softmax' was a softmax over axis 1
        try (CustomObjects.Scope scope = custom.enter()) {
            Layer l = Layers.fromConfig("Activation", new LayerConfig().put("name", "attention_weights")
                    .put("activation", "softmax"));
            // l is a Softmax over axis 1 named "attention_weights"
            assertInstanceOf(Softmax.class, l);
            assertEquals("attention_weights", l.name());
            assertEquals(1, l.getConfig().get("axis"));
        }
    }

    @Test
    void layersExample() {
        Layer d = Layers.fromConfig("Dense", new LayerConfig().put("units", 4).put("activation", "relu"));
        LayerConfig again = Layers.serialize(d);   // {class_name=Dense, config={name=dense, ..., units=4, ...}}
        Layers.register("ScaledSoftmax", c -> new Softmax(c.getInt("ScaledSoftmax", "axis", -1)));
        Layer s = Layers.fromConfig("ScaledSoftmax", new LayerConfig().put("axis", 1));   // a Softmax over axis 1
        assertEquals("Dense", again.get("class_name"));
        assertEquals(4, again.getConfig("config").get("units"));
        assertEquals(1, s.getConfig().get("axis"));
    }

    @Test
    void weightBudgetExample() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            try (WeightBudget b = WeightBudget.open("model.json", 60)) {
                new Dense(5).build(Shape.of(-1, 12));       // kernel (12, 5) + bias (5,) = 65 values: rejected
            }
        });
        assertEquals("model.json", e.file());
        assertEquals("weights", e.location());
        assertTrue(e.getMessage().contains("weight 'bias' of shape (5,) needs 5 values but the file's weights hold 60"
                + " values in all and 60 of them are taken by earlier weights"), e.getMessage());
    }

    @Test
    void aBudgetThatFitsBuildsAndAClosedBudgetNoLongerLimits() {
        try (WeightBudget b = WeightBudget.open("m", 65)) {
            Dense d = new Dense(5);
            d.build(Shape.of(-1, 12));
            assertEquals(65, d.countParams());
        }
        Dense free = new Dense(5);
        free.build(Shape.of(-1, 12));
        assertEquals(65, free.countParams());
    }

    @Test
    void aHugeConfigIsRejectedBeforeItsWeightIsAllocated() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            try (WeightBudget b = WeightBudget.open("hostile.json", 1000)) {
                new LSTM(100_000_000).build(Shape.of(-1, 5, 3000));    // kernel (3000, 4e8): 1.2e12 values
            }
        });
        assertTrue(e.getMessage().contains("weight 'lstm_cell/kernel' of shape (3000, 400000000) needs"
                + " 1200000000000 values"),
                e.getMessage());
    }

    @Test
    void registeredClassesAreFoundByEveryImportAndNamesCannotBeTakenTwice() {
        Layers.register("TestOnlyTimeSoftmax", c -> Layer.applyBase(new Softmax(1), c));
        assertTrue(Layers.isKnown("TestOnlyTimeSoftmax"));
        Layer l = Layers.fromConfig("TestOnlyTimeSoftmax", new LayerConfig().put("name", "t"));
        assertEquals("t", l.name());
        ConfigException again = assertThrows(ConfigException.class,
                () -> Layers.register("TestOnlyTimeSoftmax", c -> new Softmax()));
        assertEquals("className", again.argument());
        ConfigException builtIn = assertThrows(ConfigException.class,
                () -> Layers.register("Dense", c -> new Softmax()));
        assertTrue(builtIn.getMessage().contains("CustomObjects"), builtIn.getMessage());
    }

    @Test
    void scopedLayersAreSeenOnlyInsideTheScopeAndByWrappers() {
        CustomObjects custom = new CustomObjects().layer("TestOnlyInner", c -> Layer.applyBase(new Dense(3), c));
        LayerConfig wrapped = new LayerConfig().put("layer", new LayerConfig().put("class_name", "TestOnlyInner")
                .put("config", new LayerConfig().put("name", "inner")));
        assertFalse(Layers.isKnown("TestOnlyInner"));
        Layer td = custom.apply(() -> Layers.fromConfig("TimeDistributed", wrapped));
        td.build(Shape.of(-1, 4, 2));
        assertEquals(List.of(Shape.of(2, 3), Shape.of(3)), td.weights().stream().map(v -> v.shape()).toList());
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.fromConfig("TimeDistributed", wrapped));
        assertEquals("'TestOnlyInner'", e.received());
        assertTrue(e.getMessage().contains("Layers.register(\"TestOnlyInner\""), e.getMessage());
    }

    @Test
    void aScopedEntryOverridesABuiltInAndInnerScopesWin() {
        CustomObjects outer = new CustomObjects().layer("Dense", c -> new Softmax(1));
        CustomObjects inner = new CustomObjects().layer("Dense", c -> new Softmax(2));
        try (CustomObjects.Scope a = outer.enter()) {
            assertEquals(1, Layers.fromConfig("Dense", new LayerConfig()).getConfig().get("axis"));
            try (CustomObjects.Scope b = inner.enter()) {
                assertEquals(2, Layers.fromConfig("Dense", new LayerConfig()).getConfig().get("axis"));
            }
            assertEquals(1, Layers.fromConfig("Dense", new LayerConfig()).getConfig().get("axis"));
        }
        assertInstanceOf(Dense.class, Layers.fromConfig("Dense", new LayerConfig().put("units", 2)));
    }

    @Test
    void aCustomActivationComputesWhatItsLayerComputes() {
        float[] e = {0f, 1f, 2f};                  // softmax over the 3 timesteps of (1, 3, 1)
        double sum = Math.exp(0) + Math.exp(1) + Math.exp(2);
        Layer l = new CustomObjects().activation("softmax", () -> new Softmax(1))
                .apply(() -> Layers.fromConfig("Activation", ATTENTION));
        Tensor y = l.apply(Tensor.of(e, 1, 3, 1));
        for (int t = 0; t < 3; t++) {
            assertEquals(Math.exp(e[t]) / sum, y.get(0, t, 0), 1e-6);
        }
        Tensor plain = Layers.fromConfig("Activation", ATTENTION).apply(Tensor.of(e, 1, 3, 1));
        assertEquals(1f, plain.get(0, 0, 0), 1e-6);   // outside the scope: the last axis (size 1)
    }

    @Test
    void aCustomActivationInALayerThatCannotApplyItIsNamed() {
        CustomObjects custom = new CustomObjects().activation("swish2", () -> new Softmax(1));
        ConfigException e = assertThrows(ConfigException.class, () -> custom.apply(() -> Layers.fromConfig("LSTM",
                new LayerConfig().put("units", 2).put("activation", "swish2"))));
        assertEquals("activation", e.argument());
        assertEquals("swish2", e.received());
    }

    @Test
    void lambdaLayersGetTheirOwnHint() {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.fromConfig("Lambda", new LayerConfig()));
        assertTrue(e.getMessage().contains("Python") && e.getMessage().contains("Layers.register(\"Lambda\""),
                e.getMessage());
    }
}
