package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.FluentLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** Calling a layer on symbolic tensors infers shapes without computing, and leaves built layers' states alone. */
class SymbolicBuildTest {
    /** A layer that counts its computations. */
    static final class Counting extends FluentLayer<Counting> {
        int calls;

        @Override
        public Shape computeOutputShape(Shape in) {
            return in;
        }

        @Override
        protected Tensor[] doCall(Tensor[] inputs, CallContext ctx) {
            calls++;
            return new Tensor[] {inputs[0]};
        }
    }

    @Test
    void graphConstructionComputesNothing() {
        Counting c = new Counting();
        KerasTensor y = c.apply(Input.of(Shape.UNKNOWN, 3));
        assertEquals(0, c.calls);
        assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 3), y.shape());
        // a big layer builds its weights but runs no forward pass on the graph
        LSTM big = new LSTM(512).returnSequences(true);
        KerasTensor out = big.apply(Input.of(Shape.UNKNOWN, 256));
        assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 512), out.shape());
        assertEquals(4 * 512 * (256 + 512) + 4 * 512, big.countParams());
        Model.of(out.node().inputs().get(0), out).predict(Tensor.zeros(1, 2, 256));
    }

    @Test
    void aBuiltStatefulLayerKeepsItsStatesWhenAppliedInANewGraph() {
        LSTM lstm = new LSTM(3).stateful(true).batchInputShape(Shape.of(2, Shape.UNKNOWN, 4));
        lstm.apply(Tensor.random(Shape.of(2, 5, 4), 1));
        List<Tensor> before = lstm.states();
        KerasTensor in = Input.ofBatchShape(2, 7, 4);
        lstm.apply(in);
        List<Tensor> after = lstm.states();
        for (int k = 0; k < before.size(); k++) {
            assertArrayEquals(before.get(k).data(), after.get(k).data(), "state " + k);
        }
        assertNotEquals(0f, before.get(0).data()[0], "the states were nonzero to begin with");
    }

    @Test
    void shapeErrorsStillComeAtGraphConstruction() {
        KerasTensor seq = Input.of(Shape.UNKNOWN, 5);
        ShapeException state = assertThrows(ShapeException.class, () -> new LSTM(4).apply(seq, Input.of(3), Input.of(3)));
        assertEquals(Shape.of(Shape.UNKNOWN, 3), state.received());
        ShapeException count = assertThrows(ShapeException.class, () -> new LSTM(4).apply(seq, Input.of(4)));
        assertEquals(Shape.of(Shape.UNKNOWN, 4), count.received());
    }
}
