package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.testing.Golden;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;
import org.seq2seq4j.testing.TrainingChecks;

/**
 * Every training case with a Sequential or a bare layer config ({@link GoldenKind#TRAINING}): the
 * Sequential from the config, or a Sequential of the one layer, checked by {@link TrainingChecks}
 * (prediction, loss, every gradient, the weights after one and three optimizer steps through
 * {@link Model#fit}, and {@link Model#trainOnBatch}) against Keras.
 */
class TrainingGoldenTest {
    @BeforeAll
    static void needGoldens() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
    }

    static Stream<Golden> cases() {
        return Goldens.ofKind(GoldenKind.TRAINING);
    }

    private static Sequential model(Golden g) {
        Sequential m = GoldenKind.isSequential(g) ? Sequential.fromConfig(g.layerConfig())
                : new Sequential(Layers.fromConfig(g.className(), g.layerConfig()));
        m.build(g.modelInputs().get(0).shape());
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsAsKeras(Golden g) {
        TrainingChecks.assertTrainsAsKeras(g, () -> model(g));
    }
}
