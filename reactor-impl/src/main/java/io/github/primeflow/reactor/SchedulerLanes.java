package io.github.primeflow.reactor;

import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.Workers;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.scheduler.Scheduler;

/**
 * Where the Reactor backend's batches run: each lane of a pipeline is one {@link Scheduler.Worker} of the CPU
 * scheduler, so a pipeline's batches spread over the scheduler's threads, and helpers of a long trial division
 * are tasks on the scheduler itself. Each drain slot of the single checks is a worker of its own too: a parallel
 * scheduler binds a task to one of its threads when it is submitted, so two drain tasks submitted to the scheduler
 * itself could wait on one thread while the other idles (with 256 calls in flight, 0.7× of
 * {@code CompletableFuture.supplyAsync} instead of 0.8–0.9×).
 */
final class SchedulerLanes implements Workers {

    private final Scheduler scheduler;
    private final Executor helpers;
    private final int parallelism;
    /** The drain slots' workers, created together on first use so a parallel scheduler spreads them. */
    private final AtomicReference<Scheduler.Worker[]> drainWorkers = new AtomicReference<>();
    private volatile boolean closed;

    SchedulerLanes(Scheduler scheduler, int parallelism) {
        this.scheduler = scheduler;
        this.helpers = scheduler::schedule;
        this.parallelism = parallelism;
    }

    @Override
    public Executor drainSlot(int slot) {
        return task -> drainWorkers()[slot].schedule(task);
    }

    private Scheduler.Worker[] drainWorkers() {
        Scheduler.Worker[] workers = drainWorkers.get();
        if (workers == null) {
            Scheduler.Worker[] created = new Scheduler.Worker[parallelism];
            for (int slot = 0; slot < parallelism; slot++) { // one after the other: a parallel scheduler's round robin
                created[slot] = scheduler.createWorker();
            }
            if (!drainWorkers.compareAndSet(null, created)) {
                dispose(created);
            }
            workers = drainWorkers.get();
        }
        if (closed) { // workers created while close() ran must not outlive it
            dispose(workers);
            throw new RejectedExecutionException("the checker is closed");
        }
        return workers;
    }

    /**
     * Disposes the drain slots' workers (a bounded elastic scheduler holds a thread for each); later drain tasks
     * are rejected. The checks they ran have already ended.
     */
    void close() {
        closed = true;
        Scheduler.Worker[] workers = drainWorkers.get();
        if (workers != null) {
            dispose(workers);
        }
    }

    private static void dispose(Scheduler.Worker[] workers) {
        for (Scheduler.Worker w : workers) {
            w.dispose();
        }
    }

    @Override
    public Lane newLane() {
        return new WorkerLane();
    }

    @Override
    public Executor helpers() {
        return helpers;
    }

    private final class WorkerLane implements Lane {
        private volatile Scheduler.Worker worker; // created on first use, then one batch at a time

        @Override
        public void start(Batch batch) {
            Scheduler.Worker w = worker;
            if (w == null) {
                w = scheduler.createWorker();
                worker = w;
            }
            w.schedule(batch);
        }

        /**
         * A lane is released only while it runs no batch, so disposing its worker interrupts nothing (a bounded
         * elastic scheduler needs the dispose to reuse the worker's thread).
         */
        @Override
        public void release() {
            Scheduler.Worker w = worker;
            if (w != null) {
                w.dispose();
            }
        }
    }
}
