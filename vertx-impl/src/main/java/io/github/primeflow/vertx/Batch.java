package io.github.primeflow.vertx;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * Consecutive numbers of one subscription checked by one worker task, and their results.
 *
 * <p>The context fills {@link #numbers} and submits the batch; a worker thread runs {@link #call()}, writing
 * the results; the context reads them after the task's future completed (which orders the writes before the
 * reads). {@link #interrupt()} may be called from any thread: a small state machine makes sure the interrupt
 * reaches the worker only while it runs this batch's kernel calls, and that the worker clears the flag before
 * it returns to the pool, so no stray interrupt ever hits another task on the same pooled thread.
 */
final class Batch implements Callable<Batch> {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int INTERRUPTING = 3;
    private static final int INTERRUPTED = 4;
    private static final int SKIPPED = 5;

    final long[] numbers;
    final boolean[] primes;
    final long[] nanos;
    /** The kernel call, {@code n -> isPrime}; it may share a long computation with helper tasks. */
    private final LongPredicate kernel;
    private final BooleanSupplier halted;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private volatile Thread runner;

    /** Results written by the worker: how many numbers were checked, and the failure that stopped it. */
    int completed;
    Throwable failure;
    /** Context-confined: whether the results are back, and the next result to emit. */
    boolean done;
    int emitted;

    Batch(long[] numbers, LongPredicate kernel, BooleanSupplier halted) {
        this.numbers = numbers;
        this.primes = new boolean[numbers.length];
        this.nanos = new long[numbers.length];
        this.kernel = kernel;
        this.halted = halted;
    }

    @Override
    public Batch call() {
        runner = Thread.currentThread();
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return this; // interrupted before it started: no kernel call at all
        }
        try {
            long start = System.nanoTime();
            for (int i = 0; i < numbers.length; i++) {
                if (halted.getAsBoolean()) {
                    break; // cancelled or failed meanwhile: start no new kernel call (P7)
                }
                try {
                    primes[i] = kernel.test(numbers[i]);
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
                    Thread.onSpinWait(); // the interrupter is between the CAS and interrupt(): a few instructions
                }
                Thread.interrupted(); // clear the flag: the pooled thread goes on to other work
            }
        }
        return this;
    }

    /** Stops the batch: it never starts, or its running kernel call is interrupted. Any thread; idempotent. */
    void interrupt() {
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

    /** The number whose kernel call failed; only valid when {@link #failure} is set. */
    long failedNumber() {
        return numbers[completed];
    }

    int size() {
        return numbers.length;
    }
}
