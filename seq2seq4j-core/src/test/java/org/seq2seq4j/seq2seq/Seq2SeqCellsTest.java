package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Ops;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.ReferenceGradCheck;

/**
 * Every cell of the seq2seq families against a double-precision transcription of the original's
 * equations ({@link Seq2SeqReference}): forward values within 1e-5 and tape gradients of every
 * input, initial state, constant and weight against central finite differences (1e-4), with LSTM
 * and GRU cores, tanh and softmax readouts, masks, dropout masks, peek and teacher forcing.
 */
class Seq2SeqCellsTest {
    private static final int B = 2;
    private static final int U = 3;
    private static final ReferenceGradCheck CHECK = new ReferenceGradCheck(1e-6, 1e-4);

    static Stream<Arguments> cellsAndReadouts() {
        return Stream.of(CellType.values()).flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    @ParameterizedTest(name = "{0} softmax={1}")
    @MethodSource("cellsAndReadouts")
    void decoderCellIsTheOriginalsLstmDecoderCell(CellType type, boolean softmax) {
        int t = 3;
        int in = 4;
        int o = 5;
        ReadoutCell<?> cell = type == CellType.LSTM ? new LSTMDecoderCell(o, U) : new GRUDecoderCell(o, U);
        cell.outputActivation(softmax ? "softmax" : "tanh");
        RNN rnn = new RNN(cell).returnSequences(true);
        rnn.build(Shape.of(B, t, in));
        SplittableRandom r = new SplittableRandom(11);
        Tensor x = random(Shape.of(B, t, in), r, 1.0);
        Fixture f = new Fixture(rnn, r, List.of(x), List.of("x"));
        Seq2SeqReference ref = new Seq2SeqReference(type, U);
        CHECK.check(type + "DecoderCell", v -> rnn.call(CallContext.inference(), v[0]), new Tensor[] {x}, f.sources,
                f.params, f.names, p -> new double[][] {ref.decoderCellSequence(p, B, t, in, o, softmax)});
    }

    @ParameterizedTest(name = "{0} softmax={1}")
    @MethodSource("cellsAndReadouts")
    void attentionCellIsTheOriginalsAttentionDecoderCell(CellType type, boolean softmax) {
        int t = 4;
        int d = 3;
        int o = 4;
        int steps = 3;
        AttentionCell<?> cell = type == CellType.LSTM ? new AttentionDecoderCell(o, U) : new AttentionGRUDecoderCell(o, U);
        cell.outputActivation(softmax ? "softmax" : "tanh");
        AttentionDecoderRNN dec = new AttentionDecoderRNN(cell, steps);
        dec.build(Shape.of(B, t, d));
        SplittableRandom r = new SplittableRandom(12);
        Tensor h = random(Shape.of(B, t, d), r, 1.0);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, B, t);
        Fixture f = new Fixture(dec, r, List.of(h), List.of("H"));
        Seq2SeqReference ref = new Seq2SeqReference(type, U);
        CHECK.check("Attention" + type + "DecoderCell", v -> dec.call(CallContext.inference().withMask(mask), v[0]),
                new Tensor[] {h}, f.sources, f.params, f.names,
                p -> new double[][] {ref.attentionSequence(p, toDouble(mask.data()), B, t, d, steps, o, softmax)});
    }

    static Stream<Arguments> encoders() {
        return Stream.of(CellType.values()).flatMap(t -> Stream.of(Arguments.of(t, 1, false), Arguments.of(t, 3, true)));
    }

    @ParameterizedTest(name = "{0} depth={1} dropout={2}")
    @MethodSource("encoders")
    void encoderStepIsTheOriginalsReadoutStateSyncStack(CellType type, int depth, boolean dropout) {
        int t = 3;
        Seq2SeqEncoderCell cell = new Seq2SeqEncoderCell(type, U, depth);
        cell.masks(dropout);
        RNN rnn = new RNN(cell).returnSequences(true).returnState(true);
        rnn.build(Shape.of(B, t, cell.inputWidth()));
        SplittableRandom r = new SplittableRandom(13);
        Tensor masks = dropoutMasks(Shape.of(B, t, depth * U), r);
        List<Tensor> inputs = new ArrayList<>(List.of(random(Shape.of(B, t, U), r, 1.0)));
        List<String> names = new ArrayList<>(List.of("x", "h0"));
        for (int k = 0; k <= cell.stateSizes().length - 1; k++) {
            inputs.add(random(Shape.of(B, U), r, 0.8));
        }
        names.addAll(type == CellType.LSTM ? List.of("c0", "r0") : List.of("r0"));
        Fixture f = new Fixture(rnn, r, inputs, names);
        Seq2SeqReference ref = new Seq2SeqReference(type, U);
        Function<Tensor[], Tensor[]> call = v -> {
            Tensor[] in = v.clone();
            in[0] = dropout ? Ops.concat(-1, v[0], masks) : v[0];
            return rnn.call(CallContext.inference(), in);
        };
        CHECK.check(type + " encoder depth " + depth, call, inputs.toArray(new Tensor[0]), f.sources, f.params, f.names,
                p -> withLastReadout(ref.encoderSequence(p, dropout ? toDouble(masks.data()) : null, B, t, depth), t));
    }

    /** The reference's {outputs, states} plus the final readout state (the last output). */
    private static double[][] withLastReadout(double[][] ref, int steps) {
        double[][] out = java.util.Arrays.copyOf(ref, ref.length + 1);
        out[ref.length] = new double[B * U];
        for (int b = 0; b < B; b++) {
            System.arraycopy(ref[0], (b * steps + steps - 1) * U, out[ref.length], b * U, U);
        }
        return out;
    }

    static Stream<Arguments> decoders() {
        return Stream.of(CellType.values()).flatMap(t -> Stream.of(
                Arguments.of(t, 1, false, false, false, false),
                Arguments.of(t, 2, true, false, false, true),
                Arguments.of(t, 3, false, true, true, true),
                Arguments.of(t, 2, true, true, true, false)));
    }

    @ParameterizedTest(name = "{0} depth={1} peek={2} forcing={3} dropout={4} softmax={5}")
    @MethodSource("decoders")
    void decoderStepIsTheOriginalsReadoutDecodeStack(CellType type, int depth, boolean peek, boolean forcing,
                                                     boolean dropout, boolean softmax) {
        int steps = 3;
        int o = 4;
        Seq2SeqDecoderCell cell = new Seq2SeqDecoderCell(type, o, U, depth);
        cell.options(peek, forcing, dropout, softmax ? ActivationFunction.SOFTMAX : ActivationFunction.TANH);
        RNN rnn = new RNN(cell).returnSequences(true);
        int w = cell.inputWidth();
        rnn.build(List.of(Shape.of(B, steps, w), Shape.of(B, o)));
        SplittableRandom r = new SplittableRandom(14);
        double[] flags = forcing ? new double[] {0, 1, 0, 0, 1, 1} : null;
        Tensor forced = random(Shape.of(B, steps, o), r, 1.0);
        Tensor masks = dropoutMasks(Shape.of(B, steps, depth * o), r);
        float[] control = new float[B * steps * Math.max(w, 1)];
        for (int row = 0; row < B * steps; row++) {
            if (forcing) {
                control[row * w] = (float) flags[row];
                System.arraycopy(forced.data(), row * o, control, row * w + 1, o);
            }
            if (dropout) {
                System.arraycopy(masks.data(), row * depth * o, control, row * w + cell.maskColumn(), depth * o);
            }
        }
        Tensor x = Tensor.of(java.util.Arrays.copyOf(control, B * steps * w), B, steps, w);
        List<Tensor> inputs = new ArrayList<>(List.of(random(Shape.of(B, U), r, 0.8)));
        List<String> names = new ArrayList<>(List.of("h0"));
        if (type == CellType.LSTM) {
            inputs.add(random(Shape.of(B, U), r, 0.8));
            names.add("c0");
        }
        inputs.add(random(Shape.of(B, o), r, 0.8));
        inputs.add(random(Shape.of(B, o), r, 0.8));
        names.addAll(List.of("r0", "C"));
        Fixture f = new Fixture(rnn, r, inputs, names);
        Seq2SeqReference ref = new Seq2SeqReference(type, U);
        Function<Tensor[], Tensor[]> call = v -> {
            Tensor[] in = new Tensor[v.length + 1];
            in[0] = x;
            System.arraycopy(v, 0, in, 1, v.length);
            return rnn.call(CallContext.inference(), in);
        };
        CHECK.check(type + " decoder", call, inputs.toArray(new Tensor[0]), f.sources, f.params, f.names,
                p -> new double[][] {ref.decoderSequence(p, flags, toDouble(forced.data()),
                        dropout ? toDouble(masks.data()) : null, B, steps, o, depth, peek, softmax)});
    }

    /** Inverted-dropout masks of rate 0.5: 0 or 2. */
    private static Tensor dropoutMasks(Shape shape, SplittableRandom r) {
        float[] m = new float[shape.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextBoolean() ? 2f : 0f;
        }
        return Tensor.of(m, shape);
    }

    /** A built layer's weights set at random; the sources, double parameters and names of a check: the inputs, then the weights. */
    static final class Fixture {
        final List<Tensor> sources = new ArrayList<>();
        final double[][] params;
        final String[] names;

        Fixture(Layer layer, SplittableRandom r, List<Tensor> inputs, List<String> inputNames) {
            List<Tensor> values = new ArrayList<>();
            for (Variable v : layer.weights()) {
                values.add(random(v.shape(), r, 0.7));
            }
            layer.setWeights(values);
            sources.addAll(inputs);
            List<String> n = new ArrayList<>(inputNames);
            for (Variable v : layer.weights()) {
                sources.add(v.value());
                n.add(v.path());
            }
            params = new double[sources.size()][];
            for (int i = 0; i < params.length; i++) {
                params[i] = toDouble(sources.get(i).data());
            }
            names = n.toArray(new String[0]);
        }
    }

    static Tensor random(Shape shape, SplittableRandom r, double scale) {
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return Tensor.of(v, shape);
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
