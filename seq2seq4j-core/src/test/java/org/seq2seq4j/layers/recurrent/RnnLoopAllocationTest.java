package org.seq2seq4j.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.SimpleRNN;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The step loops allocate nothing: a long sequence allocates more than a short one of the same
 * batch only by the O(T) buffers sized up front, and a stepper allocates nothing per step. Bytes
 * are counted on the calling thread and on the kernel worker threads (threads named
 * {@code seq2seq4j-kernel-*}, see {@link org.seq2seq4j.kernels.Parallel}), and every layer runs
 * on two threads. The wide LSTM case is large enough that each step's rows are split across both
 * threads ({@link StepRows}'s parallel path). A JVM that cannot count allocated bytes per thread
 * skips these tests with a message instead of passing them unmeasured.
 */
class RnnLoopAllocationTest {
    private static final int F = 8;
    /** Fixed per-call costs (objects, headers, tape bookkeeping) may differ a little; garbage per step would be >= 16 kB here. */
    private static final long SLACK = 4096;
    private static final String WORKER_PREFIX = "seq2seq4j-kernel-";
    private static final int THREADS = 2;

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final int threadsBefore = Gemms.threads();

    /**
     * One layer at one size, with the floats per timestep its buffers take: in inference (gates z,
     * GRU's separate recurrent part r, the returned sequence) and in training (plus the recurrent
     * product's operand histories, GRU's reset-gate history, the cell cache, the tape's copy of
     * the seed and dx).
     */
    record Case(String name, Supplier<RecurrentLayer<?>> make, int batch, int units, int shortSteps, int longSteps,
                int inferencePerStep, int trainingPerStep) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        int u = 16;
        int wide = 64;
        return Stream.of(
                new Case("LSTM", () -> new LSTM(u), 4, u, 16, 1016, 5 * u, 9 * u + F),
                new Case("GRU reset_after", () -> new GRU(u), 4, u, 16, 1016, 7 * u, 10 * u + F),
                new Case("GRU reset before", () -> new GRU(u).resetAfter(false), 4, u, 16, 1016, 4 * u, 9 * u + F),
                new Case("SimpleRNN", () -> new SimpleRNN(u), 4, u, 16, 1016, 2 * u, 4 * u + F),
                new Case("LSTM wide, rows split across threads", () -> new LSTM(wide), 32, wide, 16, 272,
                        5 * wide, 9 * wide + F));
    }

    @BeforeAll
    static void needAllocationCounters() {
        assumeTrue(MX.isThreadAllocatedMemorySupported(), "skipped: this JVM cannot count the bytes a thread"
                + " allocates (ThreadMXBean.isThreadAllocatedMemorySupported() is false), so nothing can be measured");
        if (!MX.isThreadAllocatedMemoryEnabled()) {
            MX.setThreadAllocatedMemoryEnabled(true);
        }
    }

    @BeforeEach
    void twoThreads() {
        Gemms.setThreads(THREADS);
    }

    @AfterEach
    void restoreThreads() {
        Gemms.setThreads(threadsBefore);
    }

    @Test
    void theWideCaseIsLargeEnoughForStepRowsToSplitAndItsWorkersAreCounted() {
        Case wide = cases().filter(c -> c.name().startsWith("LSTM wide")).findFirst().orElseThrow();
        assertTrue(4L * wide.units() * wide.batch() >= StepRows.PARALLEL_MIN_VALUES, "the wide case has "
                + 4L * wide.units() * wide.batch() + " gate values per step, fewer than StepRows splits ("
                + StepRows.PARALLEL_MIN_VALUES + ")");
        RecurrentLayer<?> layer = built(wide);
        layer.apply(Tensor.random(Shape.of(wide.batch(), wide.shortSteps(), F), 1));
        assertFalse(workerIds().isEmpty(), "no kernel worker thread (" + WORKER_PREFIX + "*) exists after a "
                + THREADS + "-thread call, so worker allocations would go uncounted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inferenceAllocatesOnlyTheSequenceBuffers(Case c) {
        RecurrentLayer<?> layer = built(c);
        assertOnlySequenceBuffers(c, "inference", c.inferencePerStep(), steps -> {
            Tensor x = Tensor.random(Shape.of(c.batch(), steps, F), steps);
            return () -> layer.apply(x);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingAllocatesOnlyTheSequenceBuffers(Case c) {
        RecurrentLayer<?> layer = built(c);
        assertOnlySequenceBuffers(c, "forward+backward", c.trainingPerStep(), steps -> {
            Tensor x = Tensor.random(Shape.of(c.batch(), steps, F), steps);
            Tensor seed = Tensor.random(Shape.of(c.batch(), steps, c.units()), -steps);
            return () -> train(layer, x, seed);
        });
    }

    /**
     * A call on the long sequence allocates more than one on the short sequence by no more than the
     * {@code floatsPerStep} buffers per extra timestep (after warming both up).
     */
    private static void assertOnlySequenceBuffers(Case c, String what, int floatsPerStep,
                                                  IntFunction<Runnable> callOn) {
        Runnable shortCall = callOn.apply(c.shortSteps());
        Runnable longCall = callOn.apply(c.longSteps());
        for (int i = 0; i < 5; i++) {
            shortCall.run();
            longCall.run();
        }
        long extra = allocated(longCall) - allocated(shortCall);
        int more = c.longSteps() - c.shortSteps();
        long expected = 4L * c.batch() * more * floatsPerStep;
        System.out.printf("%s %s: %d timesteps more allocate %d bytes more; O(T) buffers %d; beyond them %.2f bytes"
                + " per step%n", c.name(), what, more, extra, expected, (extra - expected) / (double) more);
        assertTrue(extra <= expected + SLACK, what + " allocated " + extra + " bytes more for the long sequence;"
                + " O(T) buffers are " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepperAllocatesNothingPerStep(Case c) {
        RecurrentStepper st = built(c).stepper(c.batch());
        float[] x = Tensor.random(Shape.of(c.batch(), F), 5).data();
        int[] ids = new int[c.batch()];
        for (int b = 0; b < ids.length; b++) {
            ids[b] = b % F;
        }
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
        System.out.printf("%s stepper: %d bytes for 2000 steps%n", c.name(), bytes);
        assertTrue(bytes < 256, "stepper allocated " + bytes + " bytes in 2000 steps");
    }

    private static RecurrentLayer<?> built(Case c) {
        RecurrentLayer<?> layer = c.make().get().returnSequences(true);
        layer.build(Shape.of(c.batch(), Shape.UNKNOWN, F));
        return layer;
    }

    private static void train(RecurrentLayer<?> layer, Tensor x, Tensor seed) {
        try (Tape tape = Tape.record()) {
            tape.watch(x);
            Tensor y = layer.apply(x);
            tape.gradient(new Tensor[] {y}, new Tensor[] {seed}, List.of(x, layer.weights().get(0).value()));
        }
    }

    /**
     * Bytes {@code r} allocates on this thread and on the kernel worker threads. The workers' counters
     * are read outside this thread's window (reading them may allocate); a worker started during
     * {@code r} counts all it allocated since it started.
     */
    private static long allocated(Runnable r) {
        Map<Long, Long> workersBefore = new HashMap<>();
        for (long id : workerIds()) {
            workersBefore.put(id, counter(id));
        }
        long before = MX.getCurrentThreadAllocatedBytes();
        if (before < 0) {
            fail("the JVM does not count this thread's allocated bytes (the counter reads " + before + ")");
        }
        r.run();
        long total = MX.getCurrentThreadAllocatedBytes() - before;
        for (long id : workerIds()) {
            total += counter(id) - workersBefore.getOrDefault(id, 0L);
        }
        return total;
    }

    private static long counter(long threadId) {
        long bytes = MX.getThreadAllocatedBytes(threadId);
        if (bytes < 0) {
            fail("the JVM cannot count the bytes kernel worker thread " + threadId + " allocates (reads " + bytes
                    + ")");
        }
        return bytes;
    }

    private static List<Long> workerIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(WORKER_PREFIX)).map(Thread::getId).sorted().toList();
    }
}
