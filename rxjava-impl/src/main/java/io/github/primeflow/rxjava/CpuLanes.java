package io.github.primeflow.rxjava;

import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.Workers;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the kernel calls of a checker run: a pool the checker owns, or a {@link Scheduler} the user passed in.
 * A lane is stateless: it hands each batch to the threads, which run it when one is free.
 */
abstract class CpuLanes implements Workers, Workers.Lane {

    /** Prefix of the owned pool's threads, followed by a number from 1. */
    static final String THREAD_PREFIX = "primeflow-rxjava-cpu-";

    /**
     * The default: {@code parallelism} daemon threads named {@code primeflow-rxjava-cpu-N}, created lazily and
     * ended by {@link #shutdown()}.
     *
     * <p>It is a plain {@link ThreadPoolExecutor}, not {@code Schedulers.from(executor)}: touching RxJava's
     * {@code Schedulers} class starts its JVM-wide {@code RxCachedWorkerPoolEvictor} thread, which would outlive
     * {@code close()}, and {@code Schedulers.from} routes a rejected task (a race with {@code close()}) to
     * {@code RxJavaPlugins.onError}. Here a rejected task ends its pipeline with an error.
     */
    static CpuLanes ownedPool(int parallelism) {
        return new OwnedPool(parallelism);
    }

    /**
     * Lanes on the user's scheduler, through {@link Scheduler#scheduleDirect(Runnable)}; never shut down here.
     */
    static CpuLanes scheduler(Scheduler scheduler) {
        return new SchedulerLanes(scheduler);
    }

    @Override
    public Lane newLane() {
        return this;
    }

    @Override
    public Executor helpers() {
        return this::execute;
    }

    @Override
    public void start(Batch batch) {
        execute(batch);
    }

    abstract void execute(Runnable task);

    /** Releases the threads this checker owns and waits for them to end; a no-op for a user's scheduler. */
    abstract void shutdown();

    private static final class OwnedPool extends CpuLanes {
        private final ThreadPoolExecutor executor;

        OwnedPool(int parallelism) {
            AtomicInteger ids = new AtomicInteger();
            this.executor = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread t = new Thread(runnable, THREAD_PREFIX + ids.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }

        @Override
        void execute(Runnable task) {
            executor.execute(task);
        }

        /**
         * The pool has exactly {@code parallelism} threads, so a second batch per thread waits in its queue and
         * starts the moment the first ends, instead of after a round trip through the pipeline's drain loop.
         */
        @Override
        public int lanesPerPipeline(int parallelism) {
            return 2 * parallelism;
        }

        @Override
        void shutdown() {
            executor.shutdownNow();
            if (!Thread.currentThread().getName().startsWith(THREAD_PREFIX)) {
                try {
                    // The pipelines stopped their kernel calls; kernels notice within microseconds.
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String toString() {
            return "owned pool of " + executor.getMaximumPoolSize() + " threads";
        }
    }

    private static final class SchedulerLanes extends CpuLanes {
        private final Scheduler scheduler;

        SchedulerLanes(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        @Override
        void execute(Runnable task) {
            scheduler.scheduleDirect(task);
        }

        @Override
        void shutdown() {
            // not ours
        }

        @Override
        public String toString() {
            return scheduler.toString();
        }
    }
}
