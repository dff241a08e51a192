package io.github.primeflow.benchmarks.liveness;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded loop that can run a task now and a task after a delay, on its own thread: a caller's
 * {@link ScheduledExecutorService} with one thread, or a Vert.x event-loop context. Timers are the loop's
 * own (Vert.x timers on the context, the executor's own delay queue), so a tick's lateness is what a
 * periodic task of the application would see.
 */
interface TickLoop extends AutoCloseable {

    /** The loop's name in the results. */
    String name();

    /**
     * Runs {@code task} on the loop as soon as possible.
     *
     * @param task the task
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} on the loop after {@code delayNanos}; may round the delay up to the loop's timer
     * resolution.
     *
     * @param task the task
     * @param delayNanos the wanted delay
     * @return the delay actually asked of the timer, in nanoseconds (lateness is measured against it)
     */
    long schedule(Runnable task, long delayNanos);

    @Override
    void close();

    /**
     * A caller's loop: a one-thread scheduled executor.
     *
     * @param name the loop's name, also its thread's
     * @return the loop; closing it shuts the executor down and waits for its thread
     */
    static TickLoop singleThread(String name) {
        ScheduledExecutorService executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name(name).daemon().unstarted(task));
        return new TickLoop() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public long schedule(Runnable task, long delayNanos) {
                executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                return delayNanos;
            }

            @Override
            public void close() {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /**
     * A Vert.x event-loop context. Vert.x timers take milliseconds, so delays are rounded up to whole
     * milliseconds (at least 1); closing it leaves {@code vertx} to its owner.
     *
     * @param name the loop's name
     * @param vertx the Vert.x instance
     * @return the loop, on a new event-loop context of {@code vertx}
     */
    static TickLoop vertxContext(String name, Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        return new TickLoop() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void execute(Runnable task) {
                context.runOnContext(ignored -> task.run());
            }

            @Override
            public long schedule(Runnable task, long delayNanos) {
                long millis = Math.max(1, (delayNanos + 999_999) / 1_000_000);
                // Timers set from inside the context fire on it; from elsewhere, hop on first.
                if (Vertx.currentContext() == context) {
                    vertx.setTimer(millis, ignored -> task.run());
                } else {
                    context.runOnContext(ignored -> vertx.setTimer(millis, id -> task.run()));
                }
                return TimeUnit.MILLISECONDS.toNanos(millis);
            }

            @Override
            public void close() {
                // The context belongs to vertx; its owner closes it.
            }
        };
    }
}
