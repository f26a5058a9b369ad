package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.models.Model;

/**
 * The Javadoc examples of the public Keras import types, word for word except that each file name
 * is resolved in its shared data folder ({@code Path.of(x)} becomes {@code dir.resolve(x)}).
 */
class KerasDocExampleTest {

    @Test
    void kerasModels() {
        Path rusDir = ReferenceRows.folder("keras3-s2s-rus-studsch");
        Path fraDir = ReferenceRows.folder("keras2-s2s-fra-chen0040");
        Path dateDir = ReferenceRows.folder("keras2-date-attention-deeplearningai");
        Model rus = KerasModels.load(rusDir.resolve("s2s_model.keras"));                   // rus.inputCount() -> 2
        Model fra = KerasModels.load(fraDir.resolve("eng-to-fra-char-architecture.json"),
                fraDir.resolve("eng-to-fra-char-weights.h5"));
        Model date = KerasModels.load(dateDir.resolve("model.h5"),               // the course's softmax(axis=1)
                new CustomObjects().activation("softmax", () -> new Softmax(1)));   // date.outputCount() -> 10
        assertEquals(2, rus.inputCount());
        assertEquals(2, fra.inputCount());
        assertEquals(10, date.outputCount());
    }

    @Test
    void loadReport() {
        Path dir = ReferenceRows.folder("keras2-s2s-sql-kashdog");
        Model model = KerasJson.model(FunctionalConfigTest.KERAS2_S2S.replace("\"units\": 16", "\"units\": 15")
                .replace("[null, null, 16]", "[null, null, 15]").replace("lstm_2", "lstm_9"), "s2s.json");
        LoadReport r = KerasH5.loadWeights(model, dir.resolve("s2s.h5"), true, true);   // byName, skipMismatch
        assertEquals(List.of("lstm_1"), r.loaded());
        assertEquals(3, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).startsWith("lstm_2: in the file"), r.skipped().get(0));
        assertTrue(r.skipped().get(2).startsWith("dense_1: weight 0 (/model_weights/dense_1/dense_1/kernel:0) has shape"
                + " (32, 16) but Dense"), r.skipped().get(2));
        assertTrue(r.skipped().get(1).startsWith("lstm_9: the file has no weights"), r.skipped().get(1));
    }

    @Test
    void kerasH5() {
        Path dir = ReferenceRows.folder("keras2-s2s-fra-chen0040");
        Model s2s = KerasH5.load(ReferenceRows.folder("keras2-s2s-sql-kashdog").resolve("s2s.h5"));
        Model arch = KerasJson.load(dir.resolve("eng-to-fra-char-architecture.json"));
        KerasH5.loadWeights(arch, dir.resolve("eng-to-fra-char-weights.h5"));      // by layer order, as Keras
        LoadReport r = KerasH5.loadWeights(arch, dir.resolve("eng-to-fra-char-weights.h5"), true, true);
        assertEquals(13_840, s2s.countParams());
        assertEquals(List.of("encoder_lstm", "decoder_lstm", "decoder_dense"), r.loaded());
        assertEquals(List.of(), r.skipped());
    }
}
