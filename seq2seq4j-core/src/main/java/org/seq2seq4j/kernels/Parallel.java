package org.seq2seq4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tiny fork-join for kernels: runs {@code task.run(part)} for every part in {@code [0, parts)},
 * the caller doing part 0 and daemon workers the rest. Workers spin briefly before parking, so a
 * hand-off costs about a microsecond during a burst of kernel calls (a batch-1 decode step) and no
 * CPU when idle. If another thread holds the pool (or a worker calls back in), the parts run one
 * after another on the caller: never a deadlock, never oversubscription.
 *
 * <pre>{@code
 * Parallel.run(2, part -> System.out.println("part " + part));
 * }</pre>
 */
public final class Parallel {
    /** One piece of a split kernel. */
    @FunctionalInterface
    public interface Part {
        void run(int part);
    }

    private static final long SPIN_NANOS = 200_000;
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final AtomicInteger PENDING = new AtomicInteger();
    private static Worker[] workers = new Worker[0];

    private Parallel() {
    }

    /** Runs {@code parts} parts of {@code task}, at most {@link Gemms#threads()} at a time; returns when all are done. */
    public static void run(int parts, Part task) {
        int threads = Math.min(parts, Gemms.threads());
        if (threads <= 1 || !BUSY.tryLock()) {
            for (int p = 0; p < parts; p++) {
                task.run(p);
            }
            return;
        }
        try {
            Worker[] ws = workersFor(threads - 1);
            PENDING.set(threads - 1);
            for (int w = 0; w < threads - 1; w++) {
                ws[w].start(task, w + 1, threads, parts);
            }
            RuntimeException failure = runStrided(task, 0, threads, parts);
            while (PENDING.get() != 0) {
                Thread.onSpinWait();
            }
            for (int w = 0; w < threads - 1; w++) {
                failure = failure != null ? failure : ws[w].takeFailure();
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            BUSY.unlock();
        }
    }

    private static RuntimeException runStrided(Part task, int first, int stride, int parts) {
        try {
            for (int p = first; p < parts; p += stride) {
                task.run(p);
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Worker[] workersFor(int count) {
        if (workers.length < count) {
            Worker[] grown = java.util.Arrays.copyOf(workers, count);
            for (int w = workers.length; w < count; w++) {
                grown[w] = new Worker(w + 1);
            }
            workers = grown;
        }
        return workers;
    }

    private static final class Worker implements Runnable {
        private final Thread thread;
        private volatile long generation;
        private volatile boolean parked;
        private Part task;
        private int first;
        private int stride;
        private int parts;
        private RuntimeException failure;

        Worker(int index) {
            thread = new Thread(this, "seq2seq4j-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void start(Part t, int firstPart, int strideParts, int partCount) {
            task = t;
            first = firstPart;
            stride = strideParts;
            parts = partCount;
            generation++; // volatile write publishes the fields above
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        RuntimeException takeFailure() {
            RuntimeException f = failure;
            failure = null;
            return f;
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                while (generation == seen) {
                    if (System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (generation == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = generation;
                failure = runStrided(task, first, stride, parts);
                PENDING.decrementAndGet();
            }
        }
    }
}
