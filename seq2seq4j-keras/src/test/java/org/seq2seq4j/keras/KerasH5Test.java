package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.testing.Goldens;

/**
 * Keras 2 HDF5 files from the shared data folder (read in place, never copied): full-model and
 * weights-only files, weight names that differ from layer names, and every mismatch reported with
 * the file, the HDF5 path and the problem. What the loaded weights compute is checked by
 * {@link KashdogSqlDecodeTest}.
 */
class KerasH5Test {
    private static final Path DATA = Goldens.SHARED.resolve("data");
    private static final Path KASHDOG = DATA.resolve("keras2-s2s-sql-kashdog/s2s.h5");

    @BeforeAll
    static void needData() {
        assumeTrue(Files.isDirectory(DATA), "skipped: no shared data at " + DATA);
    }

    @Test
    void fullModelsKeepTheirKeras2ConfigAndFillEveryWeight() {
        Functional m = (Functional) KerasH5.load(KASHDOG);
        assertEquals(13_840, m.countParams());
        for (Layer l : m.layers()) {
            l.weights().forEach(v -> assertTrue(sumAbs(v.value().data()) > 0, v.path() + " was not filled"));
        }
    }

    @Test
    void weightNamesAreReadFromTheAttributeNotGuessedFromLayerNames() {
        // kamal: group model_weights/encoder_lstm holds encoder_lstm_3/kernel:0 ...
        Model m = KerasH5.load(DATA.resolve("keras2-s2s-survey-kamal/mt_seq2seq_model.h5"));
        assertEquals(47_170, m.countParams());
    }

    @Test
    void weightsOnlyFilesFillAModelBuiltFromItsJson() {
        Path dir = DATA.resolve("keras2-s2s-fra-chen0040");
        Model m = KerasJson.load(dir.resolve("eng-to-fra-char-architecture.json"));
        KerasH5.loadWeights(m, dir.resolve("eng-to-fra-char-weights.h5"));
        m.weights().forEach(v -> assertTrue(sumAbs(v.value().data()) > 0, v.path() + " was not filled"));
    }

    @Test
    void aShapeMismatchNamesTheDataset() {
        Model m = KerasJson.model(FunctionalConfigTest.KERAS2_S2S.replace("\"units\": 16", "\"units\": 15")
                .replace("[null, null, 16]", "[null, null, 15]"), "s2s.json");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasH5.loadWeights(m, KASHDOG));
        assertEquals(KASHDOG.toString(), e.file());
        assertTrue(e.location().startsWith("/model_weights/lstm_2/lstm_2/kernel:0"), e.location());
        assertTrue(e.getMessage().contains("has shape (15, 128) but LSTM 'lstm_2' expects (16, 128)")
                || e.getMessage().contains("has shape (16, 128) but LSTM 'lstm_2' expects (15, 128)"), e.getMessage());
    }

    @Test
    void filesThatAreNotHdf5AreRejected(@TempDir Path tmp) throws IOException {
        Path notH5 = Files.writeString(tmp.resolve("model.h5"), "{\"class_name\": \"Sequential\"}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasH5.load(notH5));
        assertEquals("/", e.location());
        assertTrue(e.getMessage().contains("not a readable HDF5 file"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> KerasH5.load(tmp.resolve("absent.h5")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void weightsOnlyFilesAreNotFullModels() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasH5.load(DATA.resolve("keras2-s2s-fra-chen0040/eng-to-fra-char-weights.h5")));
        assertTrue(e.getMessage().contains("no 'model_config' attribute"), e.getMessage());
    }

    private static double sumAbs(float[] d) {
        double s = 0;
        for (float x : d) {
            s += Math.abs(x);
        }
        return s;
    }
}
