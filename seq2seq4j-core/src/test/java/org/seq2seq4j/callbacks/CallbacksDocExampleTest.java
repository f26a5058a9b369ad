package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.WeightsFile;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.models.FitOptions;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the callbacks and of WeightsFile, word for word. */
class CallbacksDocExampleTest {
    @TempDir
    Path dir;
    Sequential model;
    Tensor x;
    Tensor y;

    private static Sequential newModel() {
        Seq2Seq4j.seed(2);
        Sequential m = new Sequential().add(new Dense(4).inputShape(3)).add(new Dense(1));
        m.compile("adam", "mse");
        return m;
    }

    @BeforeEach
    void setUp() {
        model = newModel();
        x = Tensor.random(Shape.of(20, 3), 1);
        y = Tensor.random(Shape.of(20, 1), 2);
    }

    @Test
    void earlyStopping() {
        EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
        model.fit(x, y, new FitOptions().epochs(100).validationSplit(0.2).callbacks(stop).verbose(0));
        assertTrue(stop.stoppedEpoch() == 0 || stop.stoppedEpoch() == stop.bestEpoch() + 3);
    }

    @Test
    void reduceLROnPlateau() {
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.5).patience(2).minLr(1e-5);
        History h = model.fit(x, y, new FitOptions().epochs(50).validationSplit(0.1).callbacks(plateau).verbose(0));
        assertEquals(50, h.get("learning_rate").size());
        assertTrue(model.optimizer().learningRate() >= (float) 1e-5);
    }

    @Test
    void modelCheckpoint() {
        ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("best.weights.s2s")).monitor("val_loss").saveBestOnly(true);
        model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2).callbacks(ckpt).verbose(0));
        model.loadWeights(dir.resolve("best.weights.s2s"));             // the weights of the best epoch
        assertEquals(ckpt.best(), model.evaluate(x.slice(16, 20), y.slice(16, 20)).get("loss"), 1e-6);
    }

    @Test
    void csvLogger() throws IOException {
        model.fit(x, y, new FitOptions().epochs(3).callbacks(new CSVLogger(dir.resolve("training.csv"))).verbose(0));
        assertEquals("epoch,loss,val_loss", Files.readAllLines(dir.resolve("training.csv")).get(0));
        assertTrue(Files.readAllLines(dir.resolve("training.csv")).get(1).endsWith(",NA"));
    }

    @Test
    void monitorMode() {
        EarlyStopping es = new EarlyStopping().monitor("val_accuracy").mode(MonitorMode.MAX);
        new EarlyStopping().monitor("val_accuracy").mode(MonitorMode.MAX);
        assertEquals("val_accuracy", es.monitor());
    }

    @Test
    void weightsFile() {
        Sequential other = newModel();
        model.fit(x, y, new FitOptions().epochs(2).verbose(0));
        WeightsFile.save(model, model.optimizer(), dir.resolve("ckpt.weights.s2s"));   // weights + optimizer
        WeightsFile.load(other, other.optimizer(), dir.resolve("ckpt.weights.s2s"));   // same architecture
        model.saveWeights(dir.resolve("final.weights.s2s"));                            // weights only
        assertArrayEquals(model.getWeights().get(0).data(), other.getWeights().get(0).data());
        assertEquals(model.optimizer().iterations(), other.optimizer().iterations());
    }
}
