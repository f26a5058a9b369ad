package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.callbacks.ModelCheckpoint;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Dropout;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.BitExact;

/**
 * Training resumed from a native checkpoint continues bit for bit as uninterrupted training with the
 * same seed: shuffling, dropout and recurrent dropout draw the same numbers, the optimizer has the
 * same iterations and slots, so weights, optimizer state and per-epoch losses are identical.
 */
class ResumeTest {
    @TempDir
    Path dir;

    private static final Tensor X = Tensor.random(Shape.of(20, 6, 3), 5);
    private static final Tensor Y = Tensor.random(Shape.of(20, 6, 2), 6);

    private static Model model() {
        Seq2Seq4j.seed(42);
        Sequential m = new Sequential(new LSTM(5).dropout(0.2).recurrentDropout(0.1).returnSequences(true).inputShape(6, 3),
                new Dropout(0.3), new TimeDistributed(new Dense(2)));
        m.compile("adam", "mse");
        return m;
    }

    private static FitOptions options(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(6).verbose(0);
    }

    @Test
    void resumedTrainingIsBitIdentical() {
        Model uninterrupted = model();
        History full = uninterrupted.fit(X, Y, options(4));

        Path ckpt = dir.resolve("ckpt-{epoch}.s2s");
        History first = model().fit(X, Y, options(2).callbacks(new ModelCheckpoint(ckpt)));
        Seq2Seq4j.seed(999);                                      // the resumed process need not share the global seed
        Model resumed = Models.load(dir.resolve("ckpt-2.s2s"));
        assertEquals(2, resumed.trainingState().epochs());
        History rest = resumed.fit(X, Y, options(4).initialEpoch(resumed.trainingState().epochs()));

        assertEquals(full.get("loss").subList(0, 2), first.get("loss"));
        assertEquals(full.get("loss").subList(2, 4), rest.get("loss"));
        BitExact.assertSame(BitExact.values(uninterrupted),
                BitExact.values(resumed), "weights after 4 epochs");
        Map<String, Tensor> a = uninterrupted.optimizer().state();
        Map<String, Tensor> b = resumed.optimizer().state();
        assertEquals(a.size(), b.size());
        BitExact.assertSame(List.copyOf(a.values()), List.copyOf(b.values()), "optimizer state");
        assertEquals(4 * 4, uninterrupted.optimizer().iterations());   // 20 samples in batches of 6
        assertEquals(uninterrupted.trainingState(), resumed.trainingState());
    }

    @Test
    void epochsDrawDifferentStreams() {
        Model a = model();
        History h = a.fit(X, Y, options(2).shuffle(true));
        Model b = model();
        History g = b.fit(X, Y, options(2).initialEpoch(1));       // epoch 1's stream on epoch-0 weights
        assertNotEquals(h.get("loss").get(1), g.get("loss").get(0));
    }
}
