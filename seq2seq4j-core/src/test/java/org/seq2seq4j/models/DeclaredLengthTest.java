package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Captured;

/** A declared time length is not a wall (Keras 3 warns and runs); the feature axis still is. */
class DeclaredLengthTest {
    @Test
    void aModelDeclaredForFiveStepsRunsOnOneStepWithOneWarning() {
        LSTM lstm = new LSTM(4).returnSequences(true);
        Dense dense = new Dense(3);
        KerasTensor fixed = Input.of(5, 8);
        Model declared = Model.of(fixed, dense.apply(lstm.apply(fixed)));
        KerasTensor open = Input.of(Shape.UNKNOWN, 8);
        Model general = Model.of(open, dense.apply(lstm.apply(open)));   // the same layers, any length
        Tensor oneStep = Tensor.random(Shape.of(1, 1, 8), 3);
        List<LogRecord> logs = Captured.logs(InputLayer.class.getName(), () -> {
            assertAllClose(general.predict(oneStep), declared.predict(oneStep), 0, "same layers, same numbers");
            declared.predict(Tensor.random(Shape.of(2, 7, 8), 4));
        });
        assertEquals(1, logs.size(), "one warning per input");
        assertEquals(Shape.of(1, 1, 3), declared.predict(oneStep).shape());
        ShapeException features = assertThrows(ShapeException.class, () -> declared.predict(Tensor.zeros(1, 1, 7)));
        assertEquals(Shape.of(1, 1, 7), features.received());
        assertThrows(ShapeException.class, () -> declared.predict(Tensor.zeros(1, 8)));   // the rank too
    }
}
