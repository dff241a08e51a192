package io.github.primeflow.reactor;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.NonBlocking;

/**
 * The threads of an owned CPU scheduler: daemon threads named {@code prefix-N}, {@link NonBlocking} as those of
 * {@code Schedulers.newParallel} are (so {@code block()} fails fast on them), remembered so that
 * {@link ReactorPrimeChecker#close()} can wait for them to end. Reactor's own wait,
 * {@code disposeGracefully()}, runs on a JVM-wide non-daemon thread that Reactor keeps 10 s after the wait,
 * which would hold a user's JVM open after {@code close()}.
 */
final class CpuThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Queue<Thread> started = new ConcurrentLinkedQueue<>();

    CpuThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new CpuThread(task, prefix + "-" + count.incrementAndGet());
        started.add(thread);
        return thread;
    }

    /** Whether {@code thread} is one of this factory's. */
    boolean isOwn(Thread thread) {
        return thread instanceof CpuThread && started.contains(thread);
    }

    /**
     * Waits until every thread this factory made has ended, at most {@code wait} in all.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void awaitEnded(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : started) {
            TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime()); // no wait once the time is up
        }
    }

    private static final class CpuThread extends Thread implements NonBlocking {
        CpuThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
