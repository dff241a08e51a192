package io.github.primeflow;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A primality kernel: decides whether one {@code long} is prime.
 *
 * <p>Every {@code long} is a valid input; numbers below 2 (negative numbers included) are not prime.
 * Implementations must be thread-safe and stateless, because a backend calls one instance from many
 * threads at once. A kernel runs on the calling thread and may take a long time (that is the point of
 * {@link #trialDivision()}); backends must therefore never call it on an event-loop thread.
 *
 * <p>Long-running kernels should end promptly when their thread is interrupted, by throwing
 * {@link java.util.concurrent.CancellationException}; backends cancel in-flight work by interrupting the
 * thread that runs it.
 */
@FunctionalInterface
public interface PrimalityTest {

    /**
     * Decides whether {@code n} is prime.
     *
     * @param n any {@code long}
     * @return {@code true} if {@code n} is prime
     * @throws java.util.concurrent.CancellationException if the calling thread was interrupted during a
     *     long computation (the interrupt flag stays set)
     */
    boolean isPrime(long n);

    /**
     * Decides whether {@code n} is prime, letting other threads of the caller's pool help with a long
     * computation. This is how a backend keeps one expensive number from being the critical path of a
     * batch: it passes the executor its CPU workers run on.
     *
     * <p>An implementation may submit up to {@code parallelism} tasks to {@code helpers}, and at most
     * {@code parallelism} threads, the caller included, work on {@code n} at once. The call returns only
     * when the verdict is known, and never waits for a helper task that has not started (the calling
     * thread does any work no helper took), so a busy or shut-down executor costs nothing but speed.
     * Helper tasks that start after the verdict return at once. Interrupting the calling thread stops the
     * helpers too. The default ignores the helpers; {@link #trialDivision()} splits numbers above a few
     * milliseconds of work into {@link TrialDivision.DivisorRange}s.
     *
     * @param n any {@code long}
     * @param helpers where helper tasks may run: the backend's CPU workers, never an event loop
     * @param parallelism how many threads, the caller included, may work on {@code n} at once
     * @return {@code true} if {@code n} is prime
     * @throws NullPointerException if {@code helpers} is null
     * @throws IllegalArgumentException if {@code parallelism < 1}
     * @throws java.util.concurrent.CancellationException if the calling thread was interrupted during a
     *     long computation (the interrupt flag stays set)
     */
    default boolean isPrime(long n, Executor helpers, int parallelism) {
        Objects.requireNonNull(helpers, "helpers");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        return isPrime(n);
    }

    /**
     * The seed's {@code is_prime}: divides by 2 and by every odd number from 3 to {@code isqrt(n)}. It is
     * the CPU-heavy workload every experiment and benchmark uses (seconds for a 16-digit prime), it stops
     * promptly when its thread is interrupted, and it can split one number's divisors into ranges that
     * run in parallel.
     *
     * @return the shared trial-division kernel
     */
    static TrialDivision trialDivision() {
        return TrialDivision.INSTANCE;
    }

    /**
     * Deterministic Miller–Rabin: exact for every {@code long}, microseconds per number.
     *
     * @return the shared Miller–Rabin kernel
     */
    static MillerRabin millerRabin() {
        return MillerRabin.INSTANCE;
    }
}
