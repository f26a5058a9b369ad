package org.seq2seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.layers.attention.AdditiveAttention;
import org.seq2seq4j.layers.attention.Attention;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.merging.Dot;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Every layer with a rank or size requirement, given an input that breaks it, throws a
 * {@link ShapeException} whose subject names the layer and whose received shape is the input's
 * — never an index error or a silent wrong result.
 */
class BadInputTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                bad(() -> new Dense(3), Shape.of(4)),
                bad(() -> new RepeatVector(2), Shape.of(2, 3, 4)),
                bad(() -> new TimeDistributed(new Dense(2)), Shape.of(2, 3)),
                bad(() -> new LSTM(2), Shape.of(2, 3)),
                bad(() -> new GRU(2), Shape.of(2, 3, 4, 5)),
                bad(() -> new SimpleRNN(2), Shape.of(2)),
                bad(() -> new RNN(new LSTMCell(2)), Shape.of(3, 4)),
                bad(() -> new Bidirectional(new LSTM(2)), Shape.of(3, 4)),
                bad(() -> new Masking(), Shape.of(3, 4)),
                bad(() -> new Permute(2, 1), Shape.of(3, 4)),
                bad(() -> new Reshape(5, -1), Shape.of(2, 12)),
                bad(() -> new Concatenate(), Shape.of(2, 3)),
                bad(() -> new Dot(1), Shape.of(2, 3)),
                bad(() -> new Attention(), Shape.of(2, 3)),
                bad(() -> new AdditiveAttention(), Shape.of(2, 3)));
    }

    private static Arguments bad(Supplier<Layer> layer, Shape input) {
        Layer l = layer.get();
        return Arguments.of(l.className(), l, input);
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("cases")
    void badShapeIsAShapeExceptionNamingTheLayer(String cls, Layer layer, Shape input) {
        ShapeException e = assertThrows(ShapeException.class, () -> layer.apply(Tensor.zeros(input)));
        assertTrue(e.subject().startsWith(cls + " '" + layer.name() + "'"), e.getMessage());
        assertEquals(input, e.received(), e.getMessage());
    }
}
