package org.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The Javadoc examples of the echo experiment's classes, word for word. */
class EchoDocExampleTest {
    @Test
    void echoTask() {
        int[] x = EchoTask.sequences(2, new SplittableRandom(1));  // 2 rows of 5 ints in [0, 50)
        int[] y = EchoTask.targets(x);         // {x[0], x[1], 0, 0, 0, x[5], x[6], 0, 0, 0}
        Tensor input = EchoTask.oneHot(x, 0, 2);                    // (2, 5, 50)
        assertEquals(Shape.of(2, 5, 50), input.shape());
        assertArrayEquals(new int[] {x[0], x[1], 0, 0, 0, x[5], x[6], 0, 0, 0}, y);
    }

    @Test
    void echoModel() {
        Seq2Seq4j.seed(1);
        Model m = EchoModel.ATTENTION.build();   // compiled; input (None, 5, 50), output (None, 5, 50)
        m.countParams();                         // 363900
        assertEquals(363_900, m.countParams());
    }

    @Test
    void echoExperiment() {
        // seed 1, 200 updates of batch 1, 10 pairs scored (the tutorial: 5000 updates, 100 pairs)
        EchoExperiment.Result r = EchoExperiment.run(EchoModel.ATTENTION, 1, 200, 1, 10);
        r.accuracy();    // fraction of the 10 pairs decoded exactly (~0.96 after 5000 updates)
        r.msPerStep();   // training time per update
        assertEquals(200, r.steps());
        assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1 && r.msPerStep() > 0, r.toString());
    }

    @Test
    void echoSummary() {
        EchoSummary s = new EchoSummary(EchoModel.ATTENTION, List.of(        // usually from EchoExperiment.run
                new EchoExperiment.Result(0.96, 0.97, 20.0, 5000, 0.01f, 363900),
                new EchoExperiment.Result(0.98, 0.98, 30.0, 5000, 0.02f, 363900)));
        s.toJson();   // {"model":"attention","accuracy":0.97,"accuracy_per_repeat":[0.96,0.98],
                      //  "train_seconds":25,"ms_per_step":5}
        assertEquals("{\"model\":\"attention\",\"accuracy\":0.97,\"accuracy_per_repeat\":[0.96,0.98],"
                + "\"train_seconds\":25,\"ms_per_step\":5}", s.toJson());
    }

    @Test
    void echoWorkload() {
        // the same as Workloads.byName("echo_attention")
        BenchResult r = EchoWorkload.attention().run(BenchOptions.defaults().withBatch(1));
        r.msPerStep();   // milliseconds per training step of batch 1
        assertEquals("echo_attention", r.workload());
        assertEquals(1000 / r.msPerStep(), r.samplesPerS(), 1e-6 * r.samplesPerS());
    }
}
