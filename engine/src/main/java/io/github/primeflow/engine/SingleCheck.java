package io.github.primeflow.engine;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One number checked as one kernel call on a backend's CPU workers, without a pipeline: the future of a
 * {@code checkAsync} call, run by {@link SingleChecks}. A stream of one number needs no demand, window, batching or
 * reorder buffer; this task keeps the rules that a stream of one would (P1, P2, P7, P8, P9 on the same workers, P11,
 * P13).
 *
 * <p>The future completes on the worker thread that ran the kernel, after it left the {@link KernelGate}, so its
 * dependent stages never see an interrupt of ours. {@code cancel(true)} or {@code cancel(false)} stops the check: it
 * never starts, or its running kernel call is interrupted. A kernel failure completes it with a
 * {@link PrimeCheckException} naming the number; a JVM-fatal error does too and is then rethrown on the worker, as
 * in {@link Batch}.
 */
final class SingleCheck extends CompletableFuture<PrimeResult> {

    private final String name;
    final long number;
    private final PrimalityTest test;
    private final Executor helpers;
    private final int parallelism;
    private final KernelGate gate = new KernelGate();

    SingleCheck(String name, long number, PrimalityTest test, Executor helpers, int parallelism) {
        this.name = name;
        this.number = number;
        this.test = test;
        this.helpers = helpers;
        this.parallelism = parallelism;
    }

    /**
     * Checks the number on the calling worker thread, unless the check was stopped first.
     *
     * @return a JVM-fatal error the kernel threw, for the caller to rethrow; else null
     */
    Throwable runHere() {
        return gate.enter() ? checkNumber() : null; // else cancelled or closed before it started
    }

    /** The kernel call inside the gate, then completes the future outside it; returns a JVM-fatal error to rethrow. */
    private Throwable checkNumber() {
        long start = System.nanoTime();
        boolean prime;
        try {
            prime = test.isPrime(number, helpers, parallelism);
        } catch (Throwable e) {
            if (gate.leave()) { // else it is our interrupt, and the future is already cancelled or failed
                completeExceptionally(new PrimeCheckException(
                        name + ": the primality test failed for " + number + ": " + e, e));
            }
            return e instanceof VirtualMachineError || e instanceof LinkageError ? e : null;
        }
        long elapsed = System.nanoTime() - start;
        if (gate.leave()) {
            complete(new PrimeResult(number, prime, elapsed));
        }
        return null;
    }

    /**
     * Ends the check with {@code error} unless it has ended, and stops its kernel call: the checker's pools wait for
     * an interrupted kernel call to return.
     */
    void end(Throwable error) {
        completeExceptionally(error);
        gate.stop();
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
        return cancelled;
    }

    /** Ends the check because its checker closed. */
    void checkerClosed() {
        end(new PrimeCheckException(name + ": the PrimeChecker was closed before the check of " + number + " ended",
                null));
    }

    @Override
    public String toString() {
        return name + " check of " + number + " " + super.toString();
    }
}
