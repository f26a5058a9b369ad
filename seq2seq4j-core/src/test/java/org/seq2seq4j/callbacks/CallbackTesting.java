package org.seq2seq4j.callbacks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.optimizers.SGD;

/** Helpers to drive callbacks by hand with scripted logs. */
final class CallbackTesting {
    private CallbackTesting() {
    }

    /** A built, compiled Dense(2) -> Dense(1) on 2 features (SGD, learning rate 0.1): four weights. */
    static Sequential tinyModel() {
        Seq2Seq4j.seed(1);
        Sequential m = new Sequential().add(new Dense(2).name("d1").inputShape(2)).add(new Dense(1).name("d2"));
        m.compile(new SGD().learningRate(0.1), Losses.get("mse"));
        return m;
    }

    /** Sets every weight value of {@code m} to {@code v}, to tell epochs apart. */
    static void fill(Sequential m, float v) {
        if (m.weights().size() != 4) {
            throw new IllegalStateException("the tiny model is not built: " + m.weights());
        }
        m.weights().forEach(w -> Arrays.fill(w.value().data(), v));
    }

    /** A mutable logs map with one key. */
    static Map<String, Double> logs(String key, double value) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(key, value);
        return logs;
    }
}
