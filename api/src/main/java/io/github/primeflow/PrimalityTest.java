package io.github.primeflow;

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
