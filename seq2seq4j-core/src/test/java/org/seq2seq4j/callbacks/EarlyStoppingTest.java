package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.callbacks.CallbackTesting.fill;
import static org.seq2seq4j.callbacks.CallbackTesting.logs;
import static org.seq2seq4j.callbacks.CallbackTesting.tinyModel;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.testing.Captured;

/** EarlyStopping on scripted loss sequences; expected epochs worked out by hand from Keras's rules. */
class EarlyStoppingTest {

    /** Feeds {@code values} as {@code key} and returns the 0-based epoch that asked to stop, or -1. */
    private static int run(EarlyStopping es, String key, double... values) {
        es.setModel(tinyModel());
        es.onTrainBegin(values.length, 1);
        for (int e = 0; e < values.length; e++) {
            es.onEpochEnd(e, logs(key, values[e]));
            if (es.stopTraining()) {
                return e;
            }
        }
        return -1;
    }

    @Test
    void stopsWhenPatienceEpochsPassWithoutImprovement() {
        // best 0.9 at epoch 1; epochs 2 and 3 do not improve -> wait reaches 2 at epoch 3
        EarlyStopping es = new EarlyStopping().patience(2);
        assertEquals(3, run(es, "val_loss", 1.0, 0.9, 0.95, 0.97, 0.96, 0.5));
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertEquals(0.9, es.best());
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovementButNeverAtEpochZero() {
        assertEquals(2, run(new EarlyStopping(), "val_loss", 1.0, 0.8, 0.8, 0.1));
        assertEquals(-1, run(new EarlyStopping().monitor("loss"), "loss", 3, 2, 1));
    }

    @Test
    void minDeltaDecidesWhatCountsAsImprovement() {
        // 0.96 is only 0.04 below 1.0: with min_delta 0.05 it is no improvement
        assertEquals(1, run(new EarlyStopping().minDelta(0.05).patience(1), "val_loss", 1.0, 0.96, 0.5));
        assertEquals(-1, run(new EarlyStopping().minDelta(-0.03).patience(1), "val_loss", 1.0, 0.96, 0.92));
    }

    @Test
    void maxModeAndAutoModeForAccuracyWatchIncreases() {
        assertEquals(2, run(new EarlyStopping().monitor("val_accuracy").patience(1), "val_accuracy", 0.5, 0.6, 0.6));
        assertEquals(2, run(new EarlyStopping().monitor("score").mode(MonitorMode.MAX).patience(1), "score", 1, 2, 1));
        assertEquals(-1, run(new EarlyStopping().monitor("val_mae").patience(1), "val_mae", 3, 2, 1));
    }

    @Test
    void autoModeRefusesANameWithoutADirection() {
        EarlyStopping es = new EarlyStopping().monitor("score");
        ConfigException e = assertThrows(ConfigException.class, () -> run(es, "score", 1, 2));
        assertEquals("mode", e.argument());
    }

    @Test
    void aBaselineThatIsNotBeatenKeepsTheCountRunning() {
        // without baseline: 0.8 resets the count, 0.85 only makes it 1
        assertEquals(-1, run(new EarlyStopping().patience(2), "val_loss", 0.9, 0.8, 0.85));
        // baseline 0.5: improvements above it do not reset the count (1, 2, then 3 >= 2 at epoch 2)
        assertEquals(2, run(new EarlyStopping().patience(2).baseline(0.5), "val_loss", 0.9, 0.8, 0.85));
        // but an improvement itself never stops training
        assertEquals(-1, run(new EarlyStopping().patience(1).baseline(0.5), "val_loss", 0.9, 0.8, 0.7, 0.6));
    }

    @Test
    void startFromEpochIgnoresTheWarmUp() {
        assertEquals(3, run(new EarlyStopping().startFromEpoch(2), "val_loss", 1, 2, 3, 4));
        assertEquals(1, run(new EarlyStopping(), "val_loss", 1, 2, 3, 4));
    }

    @Test
    void restoresTheWeightsOfTheBestEpochWhenTrainingEnds() {
        Sequential m = tinyModel();
        EarlyStopping es = new EarlyStopping().patience(2).restoreBestWeights(true);
        es.setModel(m);
        es.onTrainBegin(10, 1);
        double[] losses = {0.5, 0.3, 0.4, 0.6, 0.1};
        int e = 0;
        for (; e < losses.length && !es.stopTraining(); e++) {
            fill(m, e);                                    // the weights "after" epoch e
            es.onEpochEnd(e, logs("val_loss", losses[e]));
        }
        assertEquals(4, e, "stopped after epoch 3");
        es.onTrainEnd(logs("val_loss", 0.6));
        m.weights().forEach(w -> assertEquals(1f, w.value().data()[0], w.path()));
    }

    @Test
    void restoresEvenWithoutStoppingAndKeepsTheFirstEpochWhenNothingImproves() {
        Sequential m = tinyModel();
        EarlyStopping es = new EarlyStopping().patience(5).restoreBestWeights(true).monitor("loss");
        es.setModel(m);
        es.onTrainBegin(3, 1);
        double[] losses = {0.5, 0.7, 0.6};
        for (int e = 0; e < losses.length; e++) {
            fill(m, 10 + e);
            es.onEpochEnd(e, logs("loss", losses[e]));
        }
        assertFalse(es.stopTraining());
        es.onTrainEnd(logs("loss", 0.6));
        assertEquals(10f, m.weights().get(0).value().data()[1]);
        assertEquals(0, es.bestEpoch());
    }

    @Test
    void aMissingMonitorWarnsOnceAndNeverStops() {
        EarlyStopping es = new EarlyStopping().patience(0);
        List<LogRecord> warnings = Captured.logs(EarlyStopping.class.getName(),
                () -> assertEquals(-1, run(es, "loss", 1, 2, 3, 4)));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(Level.WARNING, warnings.get(0).getLevel());
        String message = warnings.get(0).getMessage();
        assertTrue(message.contains("EarlyStopping monitors 'val_loss', which is not in the logs (available: loss)"),
                message);
    }

    @Test
    void stateIsResetByEachFit() {
        EarlyStopping es = new EarlyStopping().patience(1);
        assertEquals(2, run(es, "val_loss", 1.0, 0.5, 0.6));
        assertEquals(-1, run(es, "val_loss", 2.0, 1.5), "the best of the previous fit (0.5) is forgotten");
        assertEquals(0, es.stoppedEpoch());
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("patience", assertThrows(ConfigException.class, () -> new EarlyStopping().patience(-1)).argument());
        assertEquals("start_from_epoch",
                assertThrows(ConfigException.class, () -> new EarlyStopping().startFromEpoch(-2)).argument());
    }
}
