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
    private static Worker[] workers = new Worker[0];

    private Parallel() {
    }

    /**
     * Runs {@code parts} parts of {@code task}, with up to {@link Gemms#threads()} threads; returns when
     * all are done. Parts are claimed one at a time, so a worker the OS has not scheduled yet is simply
     * overtaken by the caller instead of being waited for.
     */
    public static void run(int parts, Part task) {
        int threads = Math.min(parts, Gemms.threads());
        if (threads <= 1 || !BUSY.tryLock()) {
            for (int p = 0; p < parts; p++) {
                task.run(p);
            }
            return;
        }
        try {
            Job job = new Job(task, parts);
            Worker[] ws = workersFor(threads - 1);
            for (int w = 0; w < threads - 1; w++) {
                ws[w].start(job);
            }
            job.work();
            while (job.done.get() < parts) {
                Thread.onSpinWait();
            }
            if (job.failure != null) {
                throw job.failure;
            }
        } finally {
            BUSY.unlock();
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

    /** One call of {@link #run}: its parts are claimed from {@link #next} by whoever comes first. */
    private static final class Job {
        final Part task;
        final int parts;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile RuntimeException failure;

        Job(Part task, int parts) {
            this.task = task;
            this.parts = parts;
        }

        void work() {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    task.run(p);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private static final class Worker implements Runnable {
        private final Thread thread;
        private volatile Job job;
        private volatile boolean parked;

        Worker(int index) {
            thread = new Thread(this, "seq2seq4j-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void start(Job j) {
            job = j;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                long spinStart = System.nanoTime();
                while (job == seen) {
                    if (System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (job == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = job;
                seen.work();
            }
        }
    }
}
