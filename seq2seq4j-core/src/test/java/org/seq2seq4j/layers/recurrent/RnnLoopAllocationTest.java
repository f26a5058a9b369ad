package org.seq2seq4j.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.layers.LSTM;
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

    @Test
    void inferenceAllocatesOnlyTheSequenceBuffers() {
        LSTM lstm = lstm();
        Tensor shortX = Tensor.random(Shape.of(B, SHORT, F), 1);
        Tensor longX = Tensor.random(Shape.of(B, LONG, F), 2);
        for (int i = 0; i < 5; i++) {
            lstm.apply(shortX);
            lstm.apply(longX);
        }
        long extra = allocated(() -> lstm.apply(longX)) - allocated(() -> lstm.apply(shortX));
        // per timestep: gates z (4u) and the returned sequence (u)
        long expected = 4L * B * (LONG - SHORT) * (4 * U + U);
        report("inference", extra, expected);
        assertTrue(extra <= expected + SLACK, "inference allocated " + extra + " bytes more for the long sequence; O(T) buffers are " + expected);
    }

    @Test
    void trainingAllocatesOnlyTheSequenceBuffers() {
        LSTM lstm = lstm();
        Tensor shortX = Tensor.random(Shape.of(B, SHORT, F), 1);
        Tensor longX = Tensor.random(Shape.of(B, LONG, F), 2);
        Tensor shortSeed = Tensor.random(Shape.of(B, SHORT, U), 3);
        Tensor longSeed = Tensor.random(Shape.of(B, LONG, U), 4);
        for (int i = 0; i < 5; i++) {
            train(lstm, shortX, shortSeed);
            train(lstm, longX, longSeed);
        }
        long extra = allocated(() -> train(lstm, longX, longSeed)) - allocated(() -> train(lstm, shortX, shortSeed));
        // per timestep: z/dz (4u), cell cache (2u), h history (u), output (u), the tape's copy of the seed (u), dx (F)
        long expected = 4L * B * (LONG - SHORT) * (9 * U + F);
        report("forward+backward", extra, expected);
        assertTrue(extra <= expected + SLACK, "training allocated " + extra + " bytes more for the long sequence; O(T) buffers are " + expected);
    }

    @Test
    void stepperAllocatesNothingPerStep() {
        RnnStepper st = lstm().stepper(B);
        float[] x = Tensor.random(Shape.of(B, F), 5).data();
        int[] ids = {1, 2, 3, 4};
        Runnable steps = () -> {
            for (int i = 0; i < 1000; i++) {
                st.step(x, 0);
                st.stepTokens(ids, 0);
            }
        };
        steps.run();
        steps.run();
        long bytes = allocated(steps);
        System.out.printf("stepper: %d bytes for 2000 steps%n", bytes);
        assertTrue(bytes < 256, "stepper allocated " + bytes + " bytes in 2000 steps");
    }

    private static LSTM lstm() {
        LSTM lstm = new LSTM(U).returnSequences(true);
        lstm.build(Shape.of(B, Shape.UNKNOWN, F));
        return lstm;
    }

    private static void train(LSTM lstm, Tensor x, Tensor seed) {
        try (Tape tape = Tape.record()) {
            tape.watch(x);
            Tensor y = lstm.apply(x)[0];
            tape.gradient(new Tensor[] {y}, new Tensor[] {seed}, List.of(x, lstm.weights().get(0).value()));
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
