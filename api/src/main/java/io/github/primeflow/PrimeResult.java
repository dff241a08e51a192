package io.github.primeflow;

import java.time.Duration;

/**
 * The verdict for one number: the seed's {@code PrimeResult(n, prime, elapsed)}.
 *
 * @param number the number that was checked
 * @param prime whether it is prime
 * @param elapsedNanos the time the primality kernel spent on it, in nanoseconds (wall time of the kernel
 *     call on its worker, not including queueing)
 */
public record PrimeResult(long number, boolean prime, long elapsedNanos) {

    /**
     * Validates the elapsed time.
     *
     * @throws IllegalArgumentException if {@code elapsedNanos} is negative
     */
    public PrimeResult {
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("elapsedNanos must be >= 0, got " + elapsedNanos);
        }
    }

    /**
     * The kernel time as a {@link Duration}.
     *
     * @return {@code Duration.ofNanos(elapsedNanos())}
     */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }
}
