package io.github.primeflow.vertx.cluster;

import io.github.primeflow.PrimalityTest;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One batch received by a worker node, run by one thread of its worker pool.
 *
 * <p>The node's event loop creates it and submits it; a pool thread runs {@link #call()}; the event loop reads
 * the results after the task's future completed. {@link #cancel()} may come from any thread (a {@code cancel}
 * message on the event loop): the batch never starts, or its running kernel call is interrupted; the same small
 * state machine as {@code primeflow-vertx}'s batches makes sure the interrupt reaches only this batch's kernel
 * calls and is cleared before the pooled thread goes back to the pool.
 */
final class Job implements Callable<Job> {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int INTERRUPTING = 3;
    private static final int INTERRUPTED = 4;
    private static final int SKIPPED = 5;

    final long id;
    final long[] numbers;
    final boolean[] primes;
    final long[] nanos;
    private final PrimalityTest test;
    /** The node's worker pool, where a long trial division finds helpers among the node's idle threads. */
    private final Executor helpers;
    private final int threads;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private volatile boolean cancelled;
    private volatile Thread runner;

    /** Written by the pool thread, read after completion. */
    int completed;
    Throwable failure;

    Job(long id, long[] numbers, PrimalityTest test, Executor helpers, int threads) {
        this.id = id;
        this.numbers = numbers;
        this.primes = new boolean[numbers.length];
        this.nanos = new long[numbers.length];
        this.test = test;
        this.helpers = helpers;
        this.threads = threads;
    }

    @Override
    public Job call() {
        runner = Thread.currentThread();
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return this;
        }
        try {
            long start = System.nanoTime();
            for (int i = 0; i < numbers.length && !cancelled; i++) {
                try {
                    primes[i] = test.isPrime(numbers[i], helpers, threads);
                } catch (RuntimeException | Error e) {
                    failure = e;
                    break;
                }
                // One clock read per number: the end of this check is the start of the next one.
                long end = System.nanoTime();
                nanos[i] = Math.max(0, end - start);
                start = end;
                completed = i + 1;
            }
        } finally {
            if (!state.compareAndSet(RUNNING, DONE)) {
                while (state.get() == INTERRUPTING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
            }
        }
        return this;
    }

    void cancel() {
        cancelled = true;
        if (state.compareAndSet(QUEUED, SKIPPED)) {
            return;
        }
        if (state.compareAndSet(RUNNING, INTERRUPTING)) {
            try {
                runner.interrupt();
            } finally {
                state.set(INTERRUPTED);
            }
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean complete() {
        return completed == numbers.length && failure == null;
    }
}
