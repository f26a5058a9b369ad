package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.keras.ReferenceRows.folder;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Tensor;

/**
 * Keras 3 {@code model.weights.h5} files (here the one inside the char-LM {@code .keras}, read in
 * memory) fill a model built in Java: weights are found by position ({@code layers/lstm/cell/vars},
 * {@code layers/dense/vars}), whatever the layers are called, and the model then gives the
 * reference's next-character probabilities.
 */
class Keras3WeightsTest {

    @Test
    void aJavaBuiltModelWithOtherNamesGetsTheWeightsByPosition() {
        Path dir = folder("keras3-charlm-eng-studsch");
        Sequential m = new Sequential()
                .add(new LSTM(128).name("my_encoder").inputShape(40, 100))
                .add(new Dense(100).activation("softmax").name("my_output"));
        byte[] weights = KerasArchive.read(dir.resolve("lstm_model.keras")).entry("model.weights.h5");
        try (H5File h5 = H5File.fromBytes(weights, "lstm_model.keras!/model.weights.h5")) {
            LoadReport r = KerasH5.loadWeights(m, h5, false, false);
            assertEquals(List.of("my_encoder", "my_output"), r.loaded());
        }
        String chars = Seq2SeqReferenceTest.list(dir.resolve("chars.json"));
        String[] first = ReferenceRows.tsv(dir.resolve("expected_generations.tsv")).get(0);
        Tensor p = m.predict(Tensors.oneHot(new int[][] {Tensors.ids(first[0], chars, 40, -1)}, 100));
        assertEquals("'t':0.345187, 'a':0.230895, 'h':0.077922", first[2]);
        assertEquals(0.345187, p.get(0, chars.indexOf('t')), 1e-5);
        assertEquals(0.230895, p.get(0, chars.indexOf('a')), 1e-5);
        assertEquals(0.077922, p.get(0, chars.indexOf('h')), 1e-5);
    }

    @Test
    void aModelWithADifferentLayoutIsNamedAndByNameIsRefused() {
        Path dir = folder("keras3-charlm-eng-studsch");
        Sequential m = new Sequential().add(new LSTM(64).inputShape(40, 100)).add(new Dense(100));
        byte[] weights = KerasArchive.read(dir.resolve("lstm_model.keras")).entry("model.weights.h5");
        try (H5File h5 = H5File.fromBytes(weights, "w.h5")) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> KerasH5.loadWeights(m, h5, false, false));
            assertEquals("/layers/lstm/cell/vars/0", e.location());
            assertTrue(e.getMessage().contains("has shape (100, 512) but LSTM"), e.getMessage());
            LoadReport r = KerasH5.loadWeights(m, h5, false, true);
            assertEquals(List.of(), r.loaded());
            assertEquals(2, r.skipped().size(), r.skipped().toString());
            e = assertThrows(ModelFormatException.class, () -> KerasH5.loadWeights(m, h5, true, false));
            assertTrue(e.getMessage().contains("cannot be loaded by name"), e.getMessage());
        }
    }
}
