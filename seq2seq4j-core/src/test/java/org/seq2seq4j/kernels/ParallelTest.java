package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel#run} runs every part exactly once, also when calls with few parts and calls with
 * more parts than threads alternate (a worker late from the small call must not claim a part of
 * the large one twice).
 */
class ParallelTest {
    private static final int CALLS = 20_000;

    @Test
    void everyPartRunsOnceWhenPartCountsAlternate() {
        int threads = Gemms.threads();
        Gemms.setThreads(2);
        try {
            AtomicIntegerArray small = new AtomicIntegerArray(2);
            AtomicIntegerArray large = new AtomicIntegerArray(8);
            for (int i = 0; i < CALLS; i++) {
                Parallel.run(2, small::incrementAndGet);
                Parallel.run(8, large::incrementAndGet);
            }
            for (int p = 0; p < 8; p++) {
                assertEquals(CALLS, large.get(p), "runs of part " + p + " of the 8-part calls");
            }
            assertEquals(CALLS, small.get(0), "runs of part 0 of the 2-part calls");
            assertEquals(CALLS, small.get(1), "runs of part 1 of the 2-part calls");
        } finally {
            Gemms.setThreads(threads);
        }
    }
}
