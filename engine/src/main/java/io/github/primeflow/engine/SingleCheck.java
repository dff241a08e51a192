package io.github.primeflow.engine;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One number checked as one task on a backend's CPU workers: {@code checkAsync} without a pipeline. A stream of
 * one number needs no demand, window, batching or reorder buffer, and a pipeline's set-up and extra thread hops
 * cost many times a microsecond kernel call; this task keeps the rules that a stream of one would (P1, P2, P7,
 * P8, P9 on the same workers, P11, P13) with one hand-off, as {@code CompletableFuture.supplyAsync} makes.
 *
 * <p>The future completes on the worker thread that ran the kernel, after it left the {@link KernelGate}, so
 * its dependent stages never see an interrupt of ours. {@code cancel(true)} or {@code cancel(false)} stops the
 * check: it never starts, or its running kernel call is interrupted. A kernel failure completes it with a
 * {@link PrimeCheckException} naming the number; a JVM-fatal error does too and is then rethrown on the worker,
 * as in {@link Batch}.
 */
public final class SingleCheck extends CompletableFuture<PrimeResult> implements Runnable, CheckerWork {

    private final String name;
    private final long number;
    private final PrimalityTest test;
    private final Executor helpers;
    private final int parallelism;
    private final ActivePipelines active;
    private final KernelGate gate = new KernelGate();

    private SingleCheck(String name, long number, PrimalityTest test, Workers workers, int parallelism,
            ActivePipelines active) {
        this.name = name;
        this.number = number;
        this.test = test;
        this.helpers = workers.helpers();
        this.parallelism = parallelism;
        this.active = active;
    }

    /**
     * Starts checking {@code number} on {@code workers}' helper executor, the backend's CPU workers.
     *
     * @param name the backend's name, the prefix of every error message
     * @param number the number
     * @param test the kernel
     * @param workers where the kernel call runs
     * @param parallelism passed to the kernel, which may share a long trial division with idle workers
     * @param active the checker's active work, which this check joins until its kernel call has ended
     * @return the future result; cancelling it stops the check
     * @throws IllegalStateException if the checker is closed
     */
    public static CompletableFuture<PrimeResult> start(String name, long number, PrimalityTest test, Workers workers,
            int parallelism, ActivePipelines active) {
        SingleCheck check = new SingleCheck(Objects.requireNonNull(name, "name"), number,
                Objects.requireNonNull(test, "test"), Objects.requireNonNull(workers, "workers"), parallelism,
                Objects.requireNonNull(active, "active"));
        if (!active.add(check)) {
            throw new IllegalStateException("this '" + name + "' PrimeChecker is closed");
        }
        try {
            check.helpers.execute(check);
        } catch (RuntimeException e) { // RejectedExecutionException: the workers closed under us
            check.end(new PrimeCheckException(name + ": the workers rejected the check of " + number
                    + " (were they closed?): " + e, e));
        }
        return check;
    }

    /** Checks the number on the calling worker thread, unless the check was stopped first. */
    @Override
    public void run() {
        Throwable fatal = null;
        try {
            if (gate.enter()) { // else cancelled or closed before it started: no kernel call at all
                fatal = checkNumber();
            }
        } finally {
            active.remove(this);
        }
        if (fatal != null) {
            Batch.throwUnchecked(fatal);
        }
    }

    /**
     * The kernel call inside the gate; leaves the active work, then completes the future outside the gate; returns
     * a JVM-fatal error to rethrow.
     */
    private Throwable checkNumber() {
        long start = System.nanoTime();
        boolean prime;
        try {
            prime = test.isPrime(number, helpers, parallelism);
        } catch (Throwable e) {
            active.remove(this);
            if (gate.leave()) { // else it is our interrupt, and the future is already cancelled or failed
                completeExceptionally(new PrimeCheckException(
                        name + ": the primality test failed for " + number + ": " + e, e));
            }
            return e instanceof VirtualMachineError || e instanceof LinkageError ? e : null;
        }
        long elapsed = System.nanoTime() - start;
        active.remove(this); // before completing: whoever sees the result sees this check gone from the work
        if (gate.leave()) {
            complete(new PrimeResult(number, prime, elapsed));
        }
        return null;
    }

    /**
     * Ends the check with {@code error} unless it has ended, stops its kernel call, and leaves the active work: the
     * checker's pools, not this set, wait for an interrupted kernel call to return.
     */
    private void end(Throwable error) {
        completeExceptionally(error);
        gate.stop();
        active.remove(this);
    }

    /**
     * Cancels the check: no kernel call starts, and a running one is interrupted.
     *
     * @param mayInterruptIfRunning ignored: a running kernel call is always interrupted, as a cancelled stream's
     *     would be
     * @return whether this cancelled the future
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        gate.stop();
        active.remove(this);
        return cancelled;
    }

    @Override
    public void checkerClosed() {
        end(new PrimeCheckException(name + ": the PrimeChecker was closed before the check of " + number + " ended",
                null));
    }

    @Override
    public String toString() {
        return name + " check of " + number + " " + super.toString();
    }
}
