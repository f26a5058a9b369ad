package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq2seq4j.callbacks.CallbackTesting.logs;
import static org.seq2seq4j.callbacks.CallbackTesting.tinyModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.models.Sequential;

/** ReduceLROnPlateau's learning-rate schedule on scripted losses, worked out by hand from Keras's rules. */
class ReduceLROnPlateauTest {

    private static List<Double> schedule(ReduceLROnPlateau r, Sequential m, double... losses) {
        r.setModel(m);
        r.onTrainBegin(losses.length, 1);
        List<Double> logged = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            Map<String, Double> logs = logs("val_loss", losses[e]);
            r.onEpochEnd(e, logs);
            logged.add(logs.get("learning_rate"));
        }
        return logged;
    }

    @Test
    void reducesAfterPatienceHonoursCooldownAndStopsAtMinLr() {
        Sequential m = tinyModel();                                  // SGD learning rate 0.1
        ReduceLROnPlateau r = new ReduceLROnPlateau().factor(0.5).patience(2).cooldown(1).minLr(0.02);
        List<Double> lr = schedule(r, m, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5);
        // e2: wait 2 -> 0.05; e3 cooldown; e4: wait 2 -> 0.025; e5 cooldown; e6 -> max(0.0125, 0.02);
        // e8: already at min_lr, no change. Values are float32 as in Keras.
        double a = 0.1f;
        double b = 0.05f;
        double c = 0.025f;
        double d = 0.02f;
        assertEquals(List.of(a, a, a, b, b, c, c, d, d, d), lr);
        assertEquals(0.019999999552965164, m.optimizer().learningRate());
    }

    @Test
    void minDeltaDefaultsToKeras1e4() {
        Sequential m = tinyModel();
        ReduceLROnPlateau r = new ReduceLROnPlateau().patience(1);
        // 0.99995 is within 1e-4 of 1.0: not an improvement, so epoch 1 reduces 0.1 -> 0.01
        List<Double> lr = schedule(r, m, 1.0, 0.99995, 0.5);
        assertEquals(List.of((double) 0.1f, (double) 0.1f, (double) 0.01f), lr);
    }

    @Test
    void factorMustBeBelowOne() {
        assertEquals("factor", assertThrows(ConfigException.class, () -> new ReduceLROnPlateau().factor(1.0)).argument());
    }
}
