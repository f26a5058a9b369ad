package org.seq2seq4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tiny fork-join for kernels: runs {@code task.run(part)} for every part in {@code [0, parts)},
 * the caller doing part 0 and daemon workers the rest. Workers spin briefly before parking, so a
 * hand-off costs about a microsecond during a burst of kernel calls (a batch-1 decode step) and no
 * CPU when idle. If another thread holds the pool (or a worker calls back in), the parts run one
 * after another on the caller: never a deadlock, never oversubscription. A call allocates nothing:
 * the one job record is reused, and callers pass reusable {@link Part} objects (not capturing
 * lambdas) on hot paths.
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

    /**
     * A reusable {@link Part} whose fields hold one call's arguments (one instance per calling
     * thread, so a hot path allocates nothing): fill the fields, then {@link #fork}.
     */
    public abstract static class Task implements Part {
        /** Runs {@code parts} parts (see {@link Parallel#run}), then {@link #release()}s the arguments. */
        public final void fork(int parts) {
            try {
                Parallel.run(parts, this);
            } finally {
                release();
            }
        }

        /** Drops the array references of the finished call, so a thread-local task keeps nothing alive. */
        protected abstract void release();
    }

    private static final long SPIN_NANOS = 200_000;
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final Job JOB = new Job();
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
            long generation = JOB.start(task, parts);
            Worker[] ws = workersFor(threads - 1);
            for (int w = 0; w < threads - 1; w++) {
                ws[w].start(generation);
            }
            JOB.work(generation);
            JOB.await();
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

    /**
     * The job record, reused by every call under {@link #BUSY}. {@link #claims} packs the call's
     * generation (high 32 bits) with the next unclaimed part, so a worker still finishing an older
     * call can never claim a part of a newer one.
     */
    private static final class Job {
        private final AtomicLong claims = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private Part task;
        private int parts;
        private volatile RuntimeException failure;

        /**
         * Publishes a new call and returns its generation. The claims are closed (new generation, no
         * part left) before the fields change: a worker still in {@link #work} for the previous call
         * could otherwise read its last claim, then this call's larger {@code parts}, and claim a
         * part that does not exist, running part of this call twice and ending it early.
         */
        long start(Part t, int n) {
            long generation = (claims.get() >>> 32) + 1;
            claims.set(generation << 32 | Integer.MAX_VALUE);
            task = t;
            parts = n;
            failure = null;
            done.set(0);
            claims.set(generation << 32);       // volatile write: publishes the fields above
            return generation;
        }

        /** Claims and runs parts of the call {@code generation} until none are left. */
        void work(long generation) {
            while (true) {
                long c = claims.get();
                if (c >>> 32 != generation || (int) c >= parts) {
                    return;
                }
                if (!claims.compareAndSet(c, c + 1)) {
                    continue;
                }
                try {
                    task.run((int) c);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        /** Waits until every part is done; rethrows a part's failure. */
        void await() {
            while (done.get() < parts) {
                Thread.onSpinWait();
            }
            RuntimeException f = failure;
            if (f != null) {
                task = null;
                throw f;
            }
            task = null;
        }
    }

    private static final class Worker implements Runnable {
        private final Thread thread;
        private volatile long wanted;
        private volatile boolean parked;

        Worker(int index) {
            thread = new Thread(this, "seq2seq4j-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void start(long generation) {
            wanted = generation;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                while (wanted == seen) {
                    if (System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (wanted == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = wanted;
                JOB.work(seen);
            }
        }
    }
}
