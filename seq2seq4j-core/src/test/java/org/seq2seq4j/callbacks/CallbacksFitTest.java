package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** One fit with EarlyStopping, ModelCheckpoint, CSVLogger and ReduceLROnPlateau together. */
class CallbacksFitTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Seq2Seq4j.seed(4);
        Sequential m = new Sequential().add(new Dense(16).name("h").inputShape(3)).add(new Dense(1).name("out"));
        m.compile(new Adam().learningRate(0.05), Losses.get("mse"));
        return m;
    }

    @Test
    void allCallbacksAgreeWithEachOtherAndWithHistory() throws IOException {
        Sequential m = model();
        Tensor x = Tensor.random(Shape.of(64, 3), 1);
        Tensor y = Tensor.random(Shape.of(64, 1), 2);
        Tensor vx = Tensor.random(Shape.of(32, 3), 3);
        Tensor vy = Tensor.random(Shape.of(32, 1), 4);      // unrelated to vx: val_loss soon stops improving
        Path best = dir.resolve("best.weights.s2s");
        Path csv = dir.resolve("log.csv");
        EarlyStopping es = new EarlyStopping().patience(3).restoreBestWeights(true);
        ModelCheckpoint ckpt = new ModelCheckpoint(best.toString()).saveBestOnly(true);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().patience(1).factor(0.5);
        History h = m.fit(x, y, new FitOptions().epochs(60).batchSize(16).validationData(vx, vy).verbose(0)
                .callbacks(plateau, es, ckpt, new CSVLogger(csv)));

        List<Double> val = h.get("val_loss");
        int bestEpoch = 0;
        for (int e = 1; e < val.size(); e++) {
            bestEpoch = val.get(e) < val.get(bestEpoch) ? e : bestEpoch;
        }
        assertTrue(es.stoppedEpoch() > 0, "stopped early: " + val);
        assertEquals(es.stoppedEpoch() + 1, h.epochs(), "fit ran up to the stopping epoch");
        assertEquals(bestEpoch, es.bestEpoch());
        assertEquals(bestEpoch + 3, es.stoppedEpoch(), "patience 3 after the last improvement");

        Sequential fromCheckpoint = model();
        fromCheckpoint.loadWeights(best);
        for (int i = 0; i < m.weights().size(); i++) {
            assertArrayEquals(fromCheckpoint.getWeights().get(i).data(), m.getWeights().get(i).data(),
                    "restored weights = weights saved at the best epoch " + bestEpoch);
        }

        List<Double> lr = h.get("learning_rate");
        assertEquals(h.epochs(), lr.size(), "History records the learning rate ReduceLROnPlateau logs");
        assertEquals((double) 0.05f, lr.get(0));
        assertTrue(lr.get(lr.size() - 1) < lr.get(0), "the rate was reduced on the plateau: " + lr);

        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,learning_rate,loss,val_loss", lines.get(0));
        assertEquals(h.epochs() + 1, lines.size());
        for (int e = 0; e < h.epochs(); e++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(e), PyFormat.repr(lr.get(e)),
                    PyFormat.repr(h.get("loss").get(e)), PyFormat.repr(val.get(e))));
            assertEquals(String.join(",", row), lines.get(e + 1));
        }
    }
}
