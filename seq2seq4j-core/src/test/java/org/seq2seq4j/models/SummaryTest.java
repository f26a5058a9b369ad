package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.Flatten;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.tensor.Shape;
import java.util.List;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.TimeDistributed;

/** The summary table against parameter counts worked out by hand from Keras's formulas. */
class SummaryTest {

    @Test
    void sequentialSummaryHasKerasRowsAndTotals() {
        Layer.resetNames();
        Embedding frozen = new Embedding(50, 8);
        frozen.inputShape(7);
        frozen.trainable(false);
        Sequential m = new Sequential()
                .add(frozen)                                  // 50*8 = 400, frozen
                .add(new Dense(5))                           // (8+1)*5 = 45 per timestep
                .add(new TimeDistributed(new Dense(3)))       // (5+1)*3 = 18
                .add(new Flatten())                           // 7*3 = 21
                .add(new RepeatVector(2))
                .add(new Dense(4));                           // (21+1)*4 = 88
        String s = Summary.render(m);
        assertTrue(s.startsWith("Model: \"sequential\"\n"), s);
        assertTrue(s.contains("│ embedding (Embedding)           │ (None, 7, 8)           │           400 │"), s);
        assertTrue(s.contains("│ dense (Dense)                   │ (None, 7, 5)           │            45 │"), s);
        assertTrue(s.contains("│ time_distributed (TimeDistribu… │ (None, 7, 3)           │            18 │"), s);
        assertTrue(s.contains("│ flatten (Flatten)               │ (None, 21)             │             0 │"), s);
        assertTrue(s.contains("│ repeat_vector (RepeatVector)    │ (None, 2, 21)          │             0 │"), s);
        assertTrue(s.contains("│ dense_2 (Dense)                 │ (None, 2, 4)           │            88 │"), s);
        assertTrue(s.contains(" Total params: 551 (2.15 KB)\n"), s);
        assertTrue(s.contains(" Trainable params: 151 (604.00 B)\n"), s);
        assertTrue(s.contains(" Non-trainable params: 400 (1.56 KB)\n"), s);
        assertEquals(551, m.countParams());
    }

    /**
     * Keras's GRU parameter count: 3u(f + u) + 3u bias, and 2 x 3u bias with reset_after.
     * GRU(3) on 3 features: 72 (reset_after) and 63; on 4 features: 81 and 72.
     */
    @Test
    void functionalSummaryCountsGruParametersAsKeras() {
        Layer.resetNames();
        KerasTensor three = Input.of("three", Shape.UNKNOWN, 3);
        KerasTensor four = Input.of("four", Shape.UNKNOWN, 4);
        Model m = Model.of(List.of(three, four), List.of(new GRU(3).apply(three), new GRU(3).resetAfter(false).apply(three),
                new GRU(3).apply(four), new GRU(3).resetAfter(false).apply(four)));
        String s = Summary.render(m);
        assertTrue(s.contains("│ gru (GRU)                       │ (None, 3)              │            72 │ three[0][0]            │"), s);
        assertTrue(s.contains("│ gru_1 (GRU)                     │ (None, 3)              │            63 │ three[0][0]            │"), s);
        assertTrue(s.contains("│ gru_2 (GRU)                     │ (None, 3)              │            81 │ four[0][0]             │"), s);
        assertTrue(s.contains("│ gru_3 (GRU)                     │ (None, 3)              │            72 │ four[0][0]             │"), s);
        assertTrue(s.contains(" Total params: 288 "), s);
    }

    @Test
    void inputLayerDeclaresTheShapeAndMustComeFirst() {
        Layer.resetNames();
        Sequential m = new Sequential().add(InputLayer.ofShape(7, 12)).add(new Dense(5));
        assertEquals(65, m.countParams());
        assertThrows(ConfigException.class, () -> m.add(InputLayer.ofShape(3)));
        assertTrue(Summary.render(new Sequential().add(new Dense(2))).contains("│ ?"));
        assertEquals(65, m.getLayer("dense").countParams());
        assertThrows(ConfigException.class, () -> m.getLayer("nope"));
    }
}
