package io.github.primeflow.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lanes on a real thread pool, for stress tests. After every task it checks that the task left no interrupt flag
 * on the pooled thread, and it keeps what a task threw.
 */
final class PoolLanes implements Workers, Workers.Lane, AutoCloseable {

    final ExecutorService pool;
    final AtomicInteger strayInterrupts = new AtomicInteger();
    final Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();

    PoolLanes(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pool-lane");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Lane newLane() {
        return this;
    }

    @Override
    public java.util.concurrent.Executor helpers() {
        return this::execute;
    }

    @Override
    public void start(Batch batch) {
        execute(batch);
    }

    private void execute(Runnable task) {
        pool.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                thrown.add(t);
            } finally {
                if (Thread.interrupted()) {
                    strayInterrupts.incrementAndGet();
                }
            }
        });
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new AssertionError("pool tasks still running 30 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while closing the pool", e);
        }
    }
}
