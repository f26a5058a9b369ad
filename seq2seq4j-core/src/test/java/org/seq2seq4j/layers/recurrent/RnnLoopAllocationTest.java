package org.seq2seq4j.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.SimpleRNN;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The step loops allocate nothing: a long sequence allocates more than a short one of the same
 * batch only by the O(T) buffers sized up front, and a stepper allocates nothing per step.
 */
class RnnLoopAllocationTest {
    private static final int B = 4;
    private static final int U = 16;
    private static final int F = 8;
    private static final int SHORT = 16;
    private static final int LONG = 1016;
    /** Fixed per-call costs (objects, headers, tape bookkeeping) may differ a little; garbage per step would be >= 16 kB here. */
    private static final long SLACK = 4096;

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Each layer with the floats per timestep its buffers take: in inference (gates z, GRU's
     * separate recurrent part r, the returned sequence) and in training (plus the recurrent
     * product's operand histories, GRU's reset-gate history, the cell cache, the tape's copy of the
     * seed and dx).
     */
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("LSTM", (Supplier<RecurrentLayer<?>>) () -> new LSTM(U), 5 * U, 9 * U + F),
                Arguments.of("GRU reset_after", (Supplier<RecurrentLayer<?>>) () -> new GRU(U), 7 * U, 10 * U + F),
                Arguments.of("GRU reset before", (Supplier<RecurrentLayer<?>>) () -> new GRU(U).resetAfter(false), 4 * U, 9 * U + F),
                Arguments.of("SimpleRNN", (Supplier<RecurrentLayer<?>>) () -> new SimpleRNN(U), 2 * U, 4 * U + F));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void inferenceAllocatesOnlyTheSequenceBuffers(String name, Supplier<RecurrentLayer<?>> make, int inferencePerStep, int trainingPerStep) {
        RecurrentLayer<?> layer = built(make);
        Tensor shortX = Tensor.random(Shape.of(B, SHORT, F), 1);
        Tensor longX = Tensor.random(Shape.of(B, LONG, F), 2);
        for (int i = 0; i < 5; i++) {
            layer.apply(shortX);
            layer.apply(longX);
        }
        long extra = allocated(() -> layer.apply(longX)) - allocated(() -> layer.apply(shortX));
        long expected = 4L * B * (LONG - SHORT) * inferencePerStep;
        report(name + " inference", extra, expected);
        assertTrue(extra <= expected + SLACK, "inference allocated " + extra + " bytes more for the long sequence; O(T) buffers are " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void trainingAllocatesOnlyTheSequenceBuffers(String name, Supplier<RecurrentLayer<?>> make, int inferencePerStep, int trainingPerStep) {
        RecurrentLayer<?> layer = built(make);
        Tensor shortX = Tensor.random(Shape.of(B, SHORT, F), 1);
        Tensor longX = Tensor.random(Shape.of(B, LONG, F), 2);
        Tensor shortSeed = Tensor.random(Shape.of(B, SHORT, U), 3);
        Tensor longSeed = Tensor.random(Shape.of(B, LONG, U), 4);
        for (int i = 0; i < 5; i++) {
            train(layer, shortX, shortSeed);
            train(layer, longX, longSeed);
        }
        long extra = allocated(() -> train(layer, longX, longSeed)) - allocated(() -> train(layer, shortX, shortSeed));
        long expected = 4L * B * (LONG - SHORT) * trainingPerStep;
        report(name + " forward+backward", extra, expected);
        assertTrue(extra <= expected + SLACK, "training allocated " + extra + " bytes more for the long sequence; O(T) buffers are " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void stepperAllocatesNothingPerStep(String name, Supplier<RecurrentLayer<?>> make, int inferencePerStep, int trainingPerStep) {
        RecurrentStepper st = built(make).stepper(B);
        float[] x = Tensor.random(Shape.of(B, F), 5).data();
        int[] ids = {1, 2, 3, 4};
        Runnable steps = () -> {
            for (int i = 0; i < 1000; i++) {
                st.step(x, 0);
                st.stepTokens(ids, 0);
            }
        };
        for (int warm = 0; warm < 5; warm++) {
            steps.run();
        }
        long bytes = allocated(steps);
        System.out.printf("%s stepper: %d bytes for 2000 steps%n", name, bytes);
        assertTrue(bytes < 256, "stepper allocated " + bytes + " bytes in 2000 steps");
    }

    private static RecurrentLayer<?> built(Supplier<RecurrentLayer<?>> make) {
        RecurrentLayer<?> layer = make.get().returnSequences(true);
        layer.build(Shape.of(B, Shape.UNKNOWN, F));
        return layer;
    }

    private static void train(RecurrentLayer<?> layer, Tensor x, Tensor seed) {
        try (Tape tape = Tape.record()) {
            tape.watch(x);
            Tensor y = layer.apply(x);
            tape.gradient(new Tensor[] {y}, new Tensor[] {seed}, List.of(x, layer.weights().get(0).value()));
        }
    }

    private static long allocated(Runnable r) {
        long before = MX.getCurrentThreadAllocatedBytes();
        r.run();
        return MX.getCurrentThreadAllocatedBytes() - before;
    }

    private static void report(String what, long extra, long expected) {
        System.out.printf("%s: %d timesteps more allocate %d bytes more; O(T) buffers %d; beyond them %.2f bytes per step%n",
                what, LONG - SHORT, extra, expected, (extra - expected) / (double) (LONG - SHORT));
    }
}
