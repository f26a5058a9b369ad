package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.callbacks.CallbackTesting.fill;
import static org.seq2seq4j.callbacks.CallbackTesting.logs;
import static org.seq2seq4j.callbacks.CallbackTesting.tinyModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.WeightsFile;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.testing.Captured;

/** Which files ModelCheckpoint writes, under which names, with which contents. */
class ModelCheckpointTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Runs epochs with the given val_loss values; after epoch e the weights are all e. */
    private static void epochs(ModelCheckpoint c, Sequential m, double... valLoss) {
        c.setModel(m);
        c.onTrainBegin(valLoss.length, 1);
        for (int e = 0; e < valLoss.length; e++) {
            c.onEpochBegin(e);
            fill(m, e);
            c.onEpochEnd(e, logs("val_loss", valLoss[e]));
        }
    }

    @Test
    void saveBestOnlyWritesOnlyImprovingEpochsNamedByEpochAndLoss() throws IOException {
        Sequential m = tinyModel();
        ModelCheckpoint c = new ModelCheckpoint(dir + "/ckpt/{epoch:02d}-{val_loss:.2f}.weights.s2s").saveBestOnly(true);
        epochs(c, m, 0.5, 0.4, 0.45, 0.3, 0.3);
        assertEquals(List.of("ckpt/01-0.50.weights.s2s", "ckpt/02-0.40.weights.s2s", "ckpt/04-0.30.weights.s2s"), files());
        Sequential other = tinyModel();
        other.loadWeights(dir.resolve("ckpt/02-0.40.weights.s2s"));
        other.weights().forEach(w -> assertEquals(1f, w.value().data()[0], w.path()));
        assertEquals(0.3, c.best());
    }

    @Test
    void oneFixedPathWithSaveBestOnlyHoldsTheBestEpochAndTheBestPersistsAcrossFits() {
        Sequential m = tinyModel();
        Path f = dir.resolve("best.weights.s2s");
        ModelCheckpoint c = new ModelCheckpoint(f.toString()).saveBestOnly(true);
        epochs(c, m, 0.5, 0.2, 0.4);
        epochs(c, m, 0.3, 0.25);                   // a second fit does not beat 0.2: nothing is written
        Sequential other = tinyModel();
        other.loadWeights(f);
        other.weights().forEach(w -> assertEquals(1f, w.value().data()[0], w.path()));
    }

    @Test
    void withoutSaveBestOnlyEveryEpochIsSavedWithOptimizerStateUnlessWeightsOnly() throws IOException {
        Sequential m = tinyModel();
        epochs(new ModelCheckpoint(dir + "/e{epoch}.weights.s2s"), m, 0.5, 0.6);
        epochs(new ModelCheckpoint(dir + "/w{epoch}.weights.s2s").saveWeightsOnly(true), m, 0.5);
        assertEquals(List.of("e1.weights.s2s", "e2.weights.s2s", "w1.weights.s2s"), files());
        Sequential other = tinyModel();
        WeightsFile.load(other, other.optimizer(), dir.resolve("e2.weights.s2s"));
        assertArrayEquals(m.optimizer().state().get("iterations").data(), other.optimizer().state().get("iterations").data());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> WeightsFile.load(other, other.optimizer(), dir.resolve("w1.weights.s2s")));
        assertTrue(e.getMessage().contains("without optimizer state"), e.getMessage());
    }

    @Test
    void saveFreqCountsBatchesAcrossEpochs() throws IOException {
        Sequential m = tinyModel();
        ModelCheckpoint c = new ModelCheckpoint(dir + "/{epoch}-{batch}.weights.s2s").saveFreq(3);
        c.setModel(m);
        c.onTrainBegin(3, 2);
        for (int e = 0; e < 3; e++) {
            c.onEpochBegin(e);
            for (int b = 0; b < 2; b++) {
                c.onBatchEnd(b, logs("loss", 1));
            }
            c.onEpochEnd(e, logs("loss", 1));
        }
        // batches 1..6 overall; saves after the 3rd (epoch 2, batch 1) and the 6th (epoch 3, batch 2)
        assertEquals(List.of("2-1.weights.s2s", "3-2.weights.s2s"), files());
    }

    @Test
    void aMissingMonitorWarnsOnceAndSavesEveryEpoch() throws IOException {
        Sequential m = tinyModel();
        ModelCheckpoint c = new ModelCheckpoint(dir + "/{epoch}.weights.s2s").saveBestOnly(true).monitor("val_accuracy");
        List<LogRecord> warnings = new ArrayList<>();
        String err = Captured.stderr(() -> warnings.addAll(Captured.logs(ModelCheckpoint.class.getName(), () -> {
            c.setModel(m);
            c.onTrainBegin(2, 1);
            c.onEpochEnd(0, logs("loss", 1));
            c.onEpochEnd(1, logs("loss", 2));
        })));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(Level.WARNING, warnings.get(0).getLevel());
        String message = warnings.get(0).getMessage();
        assertTrue(message.contains("ModelCheckpoint monitors 'val_accuracy'"), message);
        assertFalse(err.contains("WARNING: ModelCheckpoint"), "not printed by the library itself: " + err);
        assertEquals(List.of("1.weights.s2s", "2.weights.s2s"), files());
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("filepath", assertThrows(ConfigException.class, () -> new ModelCheckpoint("model.keras")).argument());
        assertEquals("save_freq",
                assertThrows(ConfigException.class, () -> new ModelCheckpoint("a.weights.s2s").saveFreq("batch")).argument());
        assertEquals("save_freq",
                assertThrows(ConfigException.class, () -> new ModelCheckpoint("a.weights.s2s").saveFreq(0)).argument());
    }
}
