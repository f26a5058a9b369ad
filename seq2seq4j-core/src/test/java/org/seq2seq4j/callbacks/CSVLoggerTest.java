package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact bytes CSVLogger writes (what Keras 3 writes for the same logs). */
class CSVLoggerTest {
    @TempDir
    Path dir;

    private static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private static void fit(CSVLogger c, Map<String, Double>... epochs) {
        c.onTrainBegin(epochs.length, 1);
        for (int e = 0; e < epochs.length; e++) {
            c.onEpochEnd(e, epochs[e]);
        }
        c.onTrainEnd(epochs[epochs.length - 1]);
    }

    private String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sortedKeysWithValidation() throws IOException {
        Path f = dir.resolve("log.csv");
        fit(new CSVLogger(f), logs("loss", 0.5, "accuracy", 0.25, "val_loss", 0.75, "val_accuracy", 1e-5),
                logs("loss", 0.125, "accuracy", 0.5, "val_loss", 0.6931471824645996, "val_accuracy", 2));
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                + "0,0.25,0.5,1e-05,0.75\r\n"
                + "1,0.5,0.125,2.0,0.6931471824645996\r\n", read(f));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutValidationKerasAddsValColumnsFilledWithNa() throws IOException {
        Path f = dir.resolve("log.csv");
        fit(new CSVLogger(f).separator(';'), logs("loss", 0.5, "learning_rate", (double) 0.001f));
        assertEquals("epoch;learning_rate;loss;val_learning_rate;val_loss\r\n"
                + "0;0.0010000000474974513;0.5;NA;NA\r\n", read(f));
    }

    @Test
    @SuppressWarnings("unchecked")
    void appendAddsRowsWithoutASecondHeaderAndOverwriteStartsAgain() throws IOException {
        Path f = dir.resolve("log.csv");
        fit(new CSVLogger(f).append(true), logs("loss", 1, "val_loss", 2));
        fit(new CSVLogger(f).append(true), logs("loss", 3, "val_loss", 4));
        assertEquals("epoch,loss,val_loss\r\n0,1.0,2.0\r\n0,3.0,4.0\r\n", read(f));
        fit(new CSVLogger(f), logs("loss", 5, "val_loss", 6));
        assertEquals("epoch,loss,val_loss\r\n0,5.0,6.0\r\n", read(f));
    }
}
