package org.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The echo experiment: the task's data, the two models, one short seeded training run, the summary. */
class EchoTest {
    @Test
    void targetsAreTheFirstTwoIntegersThenZero() {
        int[] x = {7, 30, 2, 41, 9, 0, 49, 0, 5, 12};
        assertArrayEquals(new int[] {7, 30, 0, 0, 0, 0, 49, 0, 0, 0}, EchoTask.targets(x));
        Tensor t = EchoTask.oneHot(x, 1, 1);                       // the second sequence only
        assertEquals(Shape.of(1, 5, 50), t.shape());
        for (int step = 0; step < 5; step++) {
            for (int k = 0; k < 50; k++) {
                assertEquals(k == x[5 + step] ? 1f : 0f, t.get(0, step, k), "step " + step + ", class " + k);
            }
        }
    }

    @Test
    void sequencesAreSeededIntegersInRange() {
        int[] a = EchoTask.sequences(200, new SplittableRandom(3));
        assertEquals(1000, a.length);
        boolean[] seen = new boolean[50];
        for (int v : a) {
            assertTrue(v >= 0 && v < 50, "value " + v);
            seen[v] = true;
        }
        for (int k = 0; k < 50; k++) {
            assertTrue(seen[k], "1000 draws miss " + k);     // each is missed with probability 0.98^1000 ~ 2e-9
        }
        assertArrayEquals(a, EchoTask.sequences(200, new SplittableRandom(3)));
    }

    @Test
    void modelsHaveTheTutorialsShapesAndParameterCounts() {
        Seq2Seq4j.seed(1);
        Model baseline = EchoModel.BASELINE.build();
        Model attention = EchoModel.ATTENTION.build();
        // Keras: LSTM(150) on 50 = 4*150*(50+150+1); on 150 = 4*150*(150+150+1); Dense(50) on 150 = 151*50
        assertEquals(120_600 + 180_600 + 7_550, baseline.countParams());
        // the encoder's 120,600, then the decoder's: W_a, U_a, C_r, U_r, C_z, U_z, C_p, U_p, W_s (150x150);
        // W_r, W_z, W_p, C_o, U_o (50x150 or 150x50); W_o (50x50); V_a, b_a, b_r, b_z, b_p (150); b_o (50)
        assertEquals(120_600 + 9 * 22_500 + 5 * 7_500 + 2_500 + 5 * 150 + 50, attention.countParams());
        Tensor x = EchoTask.oneHot(EchoTask.sequences(3, new SplittableRandom(1)), 0, 3);
        for (Model m : List.of(baseline, attention)) {
            Tensor p = m.predict(x);
            assertEquals(Shape.of(3, 5, 50), p.shape());
            for (int row = 0; row < 15; row++) {
                float sum = 0f;
                for (int k = 0; k < 50; k++) {
                    sum += p.data()[row * 50 + k];
                }
                assertEquals(1f, sum, 1e-5f, "softmax row " + row);
            }
        }
    }

    @Test
    void aShortSeededRunLearnsTheEcho() {
        // 600 updates of 8 fresh pairs; chance is 1/2500 exact. Getting only the three padded zeros right
        // leaves a loss of (2/5) ln 50 = 1.565; the echoed integers must be learned to go below half of it.
        EchoExperiment.Result r = EchoExperiment.run(EchoModel.ATTENTION, 1, 600, 8, 100);
        assertTrue(r.accuracy() >= 0.5, "exact match " + r.accuracy());
        assertTrue(r.accuracyFirst2() >= r.accuracy(), r.toString());
        assertTrue(r.finalLoss() < 0.5 * (2.0 / 5) * Math.log(50), "final loss " + r.finalLoss());
        assertEquals(600, r.steps());
        assertEquals(363_900, r.params());
        assertEquals(1000 * r.trainSeconds() / 600, r.msPerStep(), 1e-9);
    }

    @Test
    void badRunArgumentsAreConfigErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> EchoExperiment.run(EchoModel.BASELINE, 1, 0, 1, 1));
        assertEquals("EchoExperiment: steps must be a positive integer but was 0", e.getMessage());
        assertEquals("batch", assertThrows(ConfigException.class,
                () -> EchoExperiment.run(EchoModel.BASELINE, 1, 1, -2, 1)).argument());
        assertEquals("eval", assertThrows(ConfigException.class,
                () -> EchoExperiment.run(EchoModel.BASELINE, 1, 1, 1, 0)).argument());
        assertThrows(ConfigException.class, () -> new EchoSummary(EchoModel.BASELINE, List.of()));
    }

    @Test
    void summaryAveragesTheRepeats() {
        EchoSummary s = new EchoSummary(EchoModel.BASELINE, List.of(
                new EchoExperiment.Result(0.2, 0.25, 10.0, 5000, 0.5f, 308_750),
                new EchoExperiment.Result(0.3, 0.3, 20.0, 5000, 0.4f, 308_750),
                new EchoExperiment.Result(0.25, 0.25, 30.0, 10000, 0.3f, 308_750)));
        assertEquals(0.25, s.accuracy(), 1e-12);
        assertEquals(Math.sqrt((0.05 * 0.05 + 0.05 * 0.05) / 3), s.accuracyStd(), 1e-12);
        assertEquals(20.0, s.trainSeconds(), 1e-12);
        assertEquals(1000 * 60.0 / 20000, s.msPerStep(), 1e-12);
        assertEquals("{\"model\":\"baseline\",\"accuracy\":0.25,\"accuracy_per_repeat\":[0.2,0.3,0.25],"
                + "\"train_seconds\":20,\"ms_per_step\":3}", s.toJson());
    }

    @Test
    void workloadsTimeTrainingSteps() {
        assertEquals("echo", Workloads.byName("echo").name());
        BenchResult r = Workloads.byName("echo_attention")
                .run(BenchOptions.defaults().withBatch(2).withThreads(1).withSeconds(0, 0.01));
        assertEquals(2, r.batch());
        assertEquals(363_900, r.extra().get("params"));
        assertTrue(r.msPerStep() > 0, r.toJson());
        assertEquals(2 / (r.msPerStep() / 1e3), r.samplesPerS(), 1e-6 * r.samplesPerS());
        assertTrue(r.extra().get("final_loss") > 0 && r.extra().get("final_loss") < 10, r.toJson());
    }
}
