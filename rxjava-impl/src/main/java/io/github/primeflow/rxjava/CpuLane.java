package io.github.primeflow.rxjava;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the kernel calls of a checker run: a pool the checker owns, or a {@link Scheduler} the user passed
 * in. {@link #start(Runnable)} hands over one batch; disposing what it returns before the batch runs drops
 * it, and while it runs interrupts its thread (never the disposing thread itself).
 */
interface CpuLane {

    /** Prefix of the owned pool's threads, followed by a number from 1. */
    String THREAD_PREFIX = "primeflow-rxjava-cpu-";

    /**
     * Starts {@code task} on a CPU thread, never on the calling thread.
     *
     * @return a disposable that cancels the task, interrupting it if it is running
     */
    Disposable start(Runnable task);

    /**
     * How many batches a subscription may hand over at once while at most {@code parallelism} run. The owned
     * pool has {@code parallelism} threads, so a second batch per thread waits in its queue and starts the
     * moment the first ends, instead of after a round trip through the subscription's drain loop.
     */
    int batchSlots(int parallelism);

    /** Releases the threads this lane owns; a no-op for a user's scheduler. */
    void shutdown();

    /** Whether the calling thread is one of this lane's own threads. */
    boolean isOwnThread();

    /**
     * The default lane: {@code parallelism} daemon threads named {@code primeflow-rxjava-cpu-N}, created
     * lazily and ended by {@link #shutdown()}.
     *
     * <p>It is a plain {@link ThreadPoolExecutor}, not {@code Schedulers.from(executor)}: touching RxJava's
     * {@code Schedulers} class starts its JVM-wide {@code RxCachedWorkerPoolEvictor} thread, which would
     * outlive {@code close()}, and {@code Schedulers.from} routes a rejected task (a race with
     * {@code close()}) to {@code RxJavaPlugins.onError}. Here a task submitted after shutdown is dropped
     * silently: its subscription has already ended with an error.
     */
    static CpuLane ownedPool(int parallelism) {
        return new OwnedPool(parallelism);
    }

    /**
     * A lane on the user's scheduler, through {@link Scheduler#scheduleDirect(Runnable)}. RxJava's
     * {@code computation()}, {@code io()}, {@code single()}, {@code newThread()} and
     * {@code Schedulers.from(executor, true)} interrupt a running task when it is disposed;
     * {@code Schedulers.from(executor)} does not.
     */
    static CpuLane scheduler(Scheduler scheduler) {
        return new SchedulerLane(scheduler);
    }

    /** The owned pool. */
    final class OwnedPool implements CpuLane {
        private final ThreadPoolExecutor executor;
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        OwnedPool(int parallelism) {
            AtomicInteger ids = new AtomicInteger();
            this.executor = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread t = new Thread(runnable, THREAD_PREFIX + ids.incrementAndGet());
                        t.setDaemon(true);
                        threads.add(t);
                        return t;
                    }, new ThreadPoolExecutor.DiscardPolicy());
        }

        @Override
        public Disposable start(Runnable task) {
            CpuTask cpuTask = new CpuTask(task);
            executor.execute(cpuTask);
            return cpuTask;
        }

        @Override
        public int batchSlots(int parallelism) {
            return 2 * parallelism;
        }

        @Override
        public void shutdown() {
            executor.shutdownNow();
            if (!isOwnThread()) {
                try {
                    // The tasks were interrupted; kernels notice within microseconds, a held probe at once.
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isOwnThread() {
            return threads.contains(Thread.currentThread());
        }
    }

    /** A task of the owned pool: {@code dispose()} is {@code Future.cancel(true)}, except from its own thread. */
    final class CpuTask extends FutureTask<Void> implements Disposable {
        private volatile Thread runner;

        CpuTask(Runnable task) {
            super(task, null);
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            try {
                super.run();
            } finally {
                runner = null;
            }
        }

        @Override
        public void dispose() {
            cancel(runner != Thread.currentThread());
        }

        @Override
        public boolean isDisposed() {
            return isCancelled();
        }
    }

    /** A user's scheduler; never shut down by us. */
    final class SchedulerLane implements CpuLane {
        private final Scheduler scheduler;

        SchedulerLane(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        @Override
        public Disposable start(Runnable task) {
            return scheduler.scheduleDirect(task);
        }

        /** A user's scheduler may have more threads than the parallelism: one batch per allowed kernel call. */
        @Override
        public int batchSlots(int parallelism) {
            return parallelism;
        }

        @Override
        public void shutdown() {
            // not ours
        }

        @Override
        public boolean isOwnThread() {
            return false;
        }

        @Override
        public String toString() {
            return scheduler.toString();
        }
    }
}
