package io.github.primeflow.loom;

import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.SignalContext;
import io.github.primeflow.engine.Workers;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The virtual threads of one checker: a kernel thread per batch and per helper of a long trial division, each
 * holding one permit of a fair semaphore of {@code parallelism} permits shared by the whole checker (rule P9
 * across subscriptions), and delivery threads that run a pipeline's drain loop. Every thread started is
 * tracked until it ends, so {@link #closeAndJoin()} interrupts and joins them all.
 *
 * <p>Only {@code java.util.concurrent} is used, never {@code synchronized}, so no virtual thread is pinned to its
 * carrier while it waits (which would happen on JDK 21–23); starting a thread takes no lock at all, as event loops
 * start delivery threads.
 */
final class VirtualThreads implements Workers, Workers.Lane {

    /** Fair, so no subscription starves. */
    private final Semaphore kernelPermits;
    private final ThreadFactory kernelThreads = Thread.ofVirtual().name("primeflow-loom-kernel-", 0).factory();
    private final ThreadFactory deliveryThreads = Thread.ofVirtual().name("primeflow-loom-delivery-", 0).factory();
    private final Executor helpers = task -> start(kernelThreads, () -> withPermit(task));
    /** Where pipelines signal their subscribers: a delivery thread per burst of signals, never a caller's. */
    private final SignalContext delivery = SignalContext.of(task -> start(deliveryThreads, task));

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Starts under way; with {@link #closed}, lets close see every thread ever started. */
    private final AtomicInteger starting = new AtomicInteger();
    private volatile boolean closed;

    VirtualThreads(int parallelism) {
        this.kernelPermits = new Semaphore(parallelism, true);
    }

    SignalContext delivery() {
        return delivery;
    }

    @Override
    public Lane newLane() {
        return this;
    }

    @Override
    public Executor helpers() {
        return helpers;
    }

    @Override
    public void start(Batch batch) {
        start(kernelThreads, () -> withPermit(batch));
    }

    private void withPermit(Runnable task) {
        boolean permit = false;
        try {
            kernelPermits.acquire();
            permit = true;
        } catch (InterruptedException closing) {
            // close() interrupts only after it stopped every pipeline: the task starts no kernel call now
        }
        try {
            task.run();
        } finally {
            if (permit) {
                kernelPermits.release();
            }
        }
    }

    /**
     * Starts a tracked thread without taking a lock: it is called on event loops (a delivery thread per burst),
     * where even a briefly contended lock would park the loop.
     */
    private void start(ThreadFactory factory, Runnable body) {
        starting.incrementAndGet();
        try {
            // Read after the increment: closeAndJoin() sets `closed` before it waits for `starting` to drain, so
            // either this sees it, or the close sees this start and waits for the thread to be tracked and started.
            if (closed) {
                throw new RejectedExecutionException("the loom PrimeChecker is closed");
            }
            Thread thread = factory.newThread(() -> {
                try {
                    body.run();
                } finally {
                    threads.remove(Thread.currentThread());
                }
            });
            threads.add(thread);
            thread.start();
        } finally {
            starting.decrementAndGet();
        }
    }

    /**
     * Starts no thread any more, interrupts every live one and waits for them to end, except the calling
     * thread if it is one of them. An interrupt of the calling thread meanwhile is kept for after the joins.
     */
    void closeAndJoin() {
        closed = true;
        while (starting.get() != 0) {
            Thread.onSpinWait(); // a start that missed `closed` is tracking and starting its thread: microseconds
        }
        List<Thread> started = List.copyOf(threads);
        for (Thread thread : started) {
            thread.interrupt();
        }
        boolean interrupted = false;
        Thread self = Thread.currentThread();
        for (Thread thread : started) {
            while (thread != self) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish joining, then restore the flag
                }
            }
        }
        if (interrupted) {
            self.interrupt();
        }
    }

    /** The number of live threads started here (for tests). */
    int live() {
        return threads.size();
    }
}
