package io.github.primeflow.reactor;

import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.Workers;
import java.util.concurrent.Executor;
import reactor.core.scheduler.Scheduler;

/**
 * Where the Reactor backend's batches run: each lane of a pipeline is one {@link Scheduler.Worker} of the CPU
 * scheduler, so a pipeline's batches spread over the scheduler's threads, and helpers of a long trial division
 * are tasks on the scheduler itself.
 */
final class SchedulerLanes implements Workers {

    private final Scheduler scheduler;
    private final Executor helpers;

    SchedulerLanes(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.helpers = scheduler::schedule;
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
