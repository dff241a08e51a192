package io.github.primeflow.vertx;

import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.Workers;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where the Vert.x backend's batches run: the checker's own {@link WorkerExecutor} of {@code parallelism}
 * threads, with {@code executeBlocking(task, false)} (unordered). Every task is counted until it returns, so
 * that {@code close()} can wait for the last one: Vert.x closes a worker pool without waiting for its tasks.
 */
final class WorkerPoolLanes implements Workers, Workers.Lane {

    private final WorkerExecutor pool;
    private final Executor helpers = this::execute;
    private int running; // guarded by this

    WorkerPoolLanes(WorkerExecutor pool) {
        this.pool = pool;
    }

    @Override
    public Lane newLane() {
        return this;
    }

    /**
     * The pool has {@code parallelism} threads, so a second batch per thread waits in its queue and starts the
     * moment the first ends, instead of after a round trip through the event loop.
     */
    @Override
    public int lanesPerPipeline(int parallelism) {
        return 2 * parallelism;
    }

    @Override
    public Executor helpers() {
        return helpers;
    }

    @Override
    public void start(Batch batch) {
        execute(batch);
    }

    /**
     * Runs {@code task} on the pool. The task hands its own results to the pipeline's context: a completion
     * handler that Vert.x dispatched after {@code close()} would meet a closed event loop. A task the closed pool
     * rejects is dropped: its pipeline has already ended.
     */
    private void execute(Runnable task) {
        pool.executeBlocking(() -> {
            enter();
            try {
                task.run();
            } finally {
                exit();
            }
            return null;
        }, false);
    }

    private synchronized void enter() {
        running++;
    }

    private synchronized void exit() {
        if (--running == 0) {
            notifyAll();
        }
    }

    /**
     * Waits until no task runs.
     *
     * @return {@code false} if tasks still ran when the timeout passed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
