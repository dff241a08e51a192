package io.github.primeflow.vertx.cluster;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.engine.KernelGate;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * One batch received by a worker node, run by one thread of its worker pool.
 *
 * <p>The node's event loop creates it and submits it; a pool thread runs {@link #call()}; the event loop reads
 * the results after the task's future completed. {@link #cancel()} may come from any thread (a {@code cancel}
 * message on the event loop): the batch never starts, or its running kernel call is interrupted; the engine's
 * {@link KernelGate}, as for every backend's batches, makes sure the interrupt reaches only this batch's kernel
 * calls and is cleared before the pooled thread goes back to the pool.
 */
final class Job implements Callable<Job> {

    final long id;
    final long[] numbers;
    final boolean[] primes;
    final long[] nanos;
    private final PrimalityTest test;
    /** The node's worker pool, where a long trial division finds helpers among the node's idle threads. */
    private final Executor helpers;
    private final int threads;
    private final KernelGate gate = new KernelGate();

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
        if (!gate.enter()) {
            return this; // cancelled before it started: no kernel call at all
        }
        try {
            long start = System.nanoTime();
            for (int i = 0; i < numbers.length && !gate.isStopped(); i++) {
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
            gate.leave();
        }
        return this;
    }

    /** Stops the batch from any thread: it never starts, or its running kernel call is interrupted. */
    void cancel() {
        gate.stop();
    }

    boolean cancelled() {
        return gate.isStopped();
    }

    boolean complete() {
        return completed == numbers.length && failure == null;
    }
}
