package org.seq2seq4j.serve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Dynamic batching for one model: requests ({@link #submit jobs}) wait in a bounded queue, and one
 * worker thread runs them, joining queued jobs with equal keys (the same decoding options, or the
 * same tensor shapes) into one call of up to {@code maxBatch} items. A job alone in the queue runs
 * at once; when others are queued with it, the worker waits for more to fill the batch while they
 * keep coming (a pause of a tenth of {@code maxDelay}, at least 0.2 ms, ends the wait), at most
 * {@code maxDelay} after the first one arrived. A full queue refuses new jobs
 * ({@link RejectedExecutionException}); a job past its deadline is dropped before it runs, with a
 * {@link TimeoutException}. When a joined call fails, each of its jobs runs again alone, so a bad
 * request fails only itself.
 *
 * <pre>{@code
 * Batcher<String, String, String> upper = new Batcher<>("upper", 32, 5_000_000, 1000,
 *         (key, items) -> items.stream().map(String::toUpperCase).toList(), size -> { });
 * List<String> out = upper.submit("k", List.of("a", "b"), 2, System.nanoTime() + 1_000_000_000L).join();
 * upper.close(1000);
 * }</pre>
 *
 * @param <K> what jobs must share to run together
 * @param <I> an item of a job
 * @param <O> the result of one item
 */
final class Batcher<K, I, O> {
    /** Runs items that share a key: one result per item, in order. */
    @FunctionalInterface
    interface Runner<K, I, O> {
        List<O> run(K key, List<I> items);
    }

    private static final System.Logger LOG = System.getLogger(Batcher.class.getName());

    private final int maxBatch;
    private final long maxDelayNanos;
    private final int maxQueue;
    private final Runner<K, I, O> runner;
    private final IntConsumer batchSizes;
    private final ArrayDeque<Job<K, I, O>> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Thread worker;
    private volatile int depth;
    private long arrivals;
    private boolean closed;

    /**
     * A batcher whose worker thread starts at once; {@code batchSizes} is told the item count of
     * every call (for metrics).
     */
    Batcher(String name, int maxBatch, long maxDelayNanos, int maxQueue, Runner<K, I, O> runner,
            IntConsumer batchSizes) {
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelayNanos;
        this.maxQueue = maxQueue;
        this.runner = runner;
        this.batchSizes = batchSizes;
        this.worker = new Thread(this::work, "seq2seq4j-batch-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a job of {@code items} weighing {@code weight} toward the batch size, to run before
     * {@code deadline} ({@link System#nanoTime()} units); its results in order, or the failure.
     */
    CompletableFuture<List<O>> submit(K key, List<I> items, int weight, long deadline) {
        Job<K, I, O> job = new Job<>(Objects.requireNonNull(key), items, weight, System.nanoTime(), deadline);
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("the server is shutting down");
            }
            if (queue.size() >= maxQueue) {
                throw new RejectedExecutionException("the queue of this model is full (" + maxQueue + " requests)");
            }
            queue.add(job);
            arrivals++;
            depth = queue.size();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        long left = deadline - System.nanoTime();
        job.result.orTimeout(Math.max(0, left), TimeUnit.NANOSECONDS);
        return job.result;
    }

    /** The jobs waiting to run. */
    int depth() {
        return depth;
    }

    /**
     * Refuses new jobs, lets the worker run every queued one, and waits at most {@code millis} for it;
     * whether it finished.
     */
    boolean close(long millis) {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            worker.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    private void work() {
        while (true) {
            List<Job<K, I, O>> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    arrived.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = gather();
                depth = queue.size();
            } finally {
                lock.unlock();
            }
            if (!batch.isEmpty()) {
                run(batch);
            }
        }
    }

    /** Takes the next batch from the queue (holding the lock): the first live job and those that can join it. */
    private List<Job<K, I, O>> gather() {
        List<Job<K, I, O>> batch = new ArrayList<>();
        Job<K, I, O> first = null;
        while (first == null && !queue.isEmpty()) {
            Job<K, I, O> j = queue.poll();
            first = j.live() ? j : null;
        }
        if (first == null) {
            return batch;
        }
        batch.add(first);
        int weight = first.weight;
        long waitUntil = first.enqueued + maxDelayNanos;
        long slice = Math.max(200_000L, maxDelayNanos / 10);
        while (true) {
            weight = join(batch, weight);
            long left = waitUntil - System.nanoTime();
            if (batch.size() == 1 || weight >= maxBatch || left <= 0 || closed || !queue.isEmpty()) {
                return batch;        // alone, full, waited enough, or the rest cannot join: run now
            }
            long seen = arrivals;
            try {
                arrived.awaitNanos(Math.min(left, slice));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return batch;
            }
            if (arrivals == seen) {
                return batch;        // nothing came for a while: the requests that were coming are in
            }
        }
    }

    /** Moves the queued jobs that fit and share the batch's key into it; the batch's new weight. */
    private int join(List<Job<K, I, O>> batch, int weight) {
        K key = batch.get(0).key;
        for (Iterator<Job<K, I, O>> it = queue.iterator(); it.hasNext() && weight < maxBatch; ) {
            Job<K, I, O> j = it.next();
            if (!j.live()) {
                it.remove();
            } else if (j.key.equals(key) && weight + j.weight <= maxBatch) {
                it.remove();
                batch.add(j);
                weight += j.weight;
            }
        }
        return weight;
    }

    private void run(List<Job<K, I, O>> batch) {
        List<I> items = new ArrayList<>();
        batch.forEach(j -> items.addAll(j.items));
        batchSizes.accept(items.size());
        List<O> out;
        try {
            out = runner.run(batch.get(0).key, items);
            if (out.size() != items.size()) {
                throw new IllegalStateException("the model gave " + out.size() + " results for " + items.size()
                        + " items");
            }
        } catch (Throwable e) {                          // a failed batch must not stop the worker
            if (batch.size() == 1) {
                batch.get(0).result.completeExceptionally(e);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "a batch of " + batch.size()
                        + " requests failed; running each alone", e);
                batch.forEach(j -> run(List.of(j)));
            }
            return;
        }
        int from = 0;
        for (Job<K, I, O> j : batch) {
            j.result.complete(List.copyOf(out.subList(from, from + j.items.size())));
            from += j.items.size();
        }
    }

    /** One request's items, its key, weight, arrival time, deadline and result. */
    private static final class Job<K, I, O> {
        final K key;
        final List<I> items;
        final int weight;
        final long enqueued;
        final long deadline;
        final CompletableFuture<List<O>> result = new CompletableFuture<>();

        Job(K key, List<I> items, int weight, long enqueued, long deadline) {
            this.key = key;
            this.items = List.copyOf(items);
            this.weight = weight;
            this.enqueued = enqueued;
            this.deadline = deadline;
        }

        /** Whether the job still wants running: not timed out or cancelled (a late one is failed here). */
        boolean live() {
            if (!result.isDone() && System.nanoTime() - deadline > 0) {
                result.completeExceptionally(new TimeoutException("the request's deadline passed while it was queued"));
            }
            return !result.isDone();
        }
    }
}
