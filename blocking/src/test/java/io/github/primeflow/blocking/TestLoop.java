package io.github.primeflow.blocking;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A single-thread executor whose one thread has a given name: stands for an event loop (when its name is
 * registered) or for a worker (when it is not).
 */
final class TestLoop implements AutoCloseable {

    private final ExecutorService executor;

    TestLoop(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    ExecutorService executor() {
        return executor;
    }

    /** Runs {@code task} on the thread and waits (at most 10 s) for it. */
    void run(Runnable task) {
        await(CompletableFuture.runAsync(task, executor));
    }

    /** Runs {@code task} on the thread and waits (at most 10 s) for its result. */
    <T> T call(Supplier<T> task) {
        return await(CompletableFuture.supplyAsync(task, executor));
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
