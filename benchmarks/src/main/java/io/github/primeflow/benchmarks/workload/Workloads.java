package io.github.primeflow.benchmarks.workload;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.SeedNumbers;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The inputs of workloads A–C and the expected answers the benchmarks check their results against, so a
 * broken backend fails loudly instead of producing a fast wrong number.
 */
public final class Workloads {

    /** Seed of the random numbers of workload C: fixed so every run and every backend checks the same ones. */
    public static final long RANDOM_SEED = 0x5EED_9L;

    /** The 16-digit prime of workload A's single-number case: the last and heaviest of the seed numbers. */
    public static final long SINGLE_PRIME = 9_999_999_999_999_917L;

    private Workloads() {
    }

    /**
     * Workload A: the 20 seed numbers, in the seed's order.
     *
     * @return a fresh array
     */
    public static long[] seedBatch() {
        return SeedNumbers.toArray();
    }

    /**
     * Workload C: {@code count} uniformly random positive 63-bit numbers from {@link #RANDOM_SEED}.
     *
     * @param count how many
     * @return a fresh array; the same for the same count
     */
    public static long[] random63Bit(int count) {
        SplittableRandom random = new SplittableRandom(RANDOM_SEED);
        long[] numbers = new long[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = random.nextLong() >>> 1;
        }
        return numbers;
    }

    /**
     * How many primes lie in {@code [1, toExclusive)}, by a sieve (milliseconds for 10<sup>7</sup>), to check
     * workload B's answers independently of the kernels under test.
     *
     * @param toExclusive the end of the range, at most {@link Integer#MAX_VALUE}
     * @return the prime count
     */
    public static long primesBelow(long toExclusive) {
        int n = Math.toIntExact(toExclusive);
        if (n < 3) {
            return 0;
        }
        BitSet composite = new BitSet(n);
        long count = 0;
        for (int i = 2; i < n; i++) {
            if (!composite.get(i)) {
                count++;
                for (long j = (long) i * i; j < n; j += i) {
                    composite.set((int) j);
                }
            }
        }
        return count;
    }

    /**
     * How many of {@code numbers} are prime, by Miller–Rabin on the calling thread.
     *
     * @param numbers the numbers
     * @return the prime count
     */
    public static long primesAmong(long[] numbers) {
        PrimalityTest test = PrimalityTest.millerRabin();
        long count = 0;
        for (long n : numbers) {
            if (test.isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Fails when a benchmark's answer is wrong.
     *
     * @param what the workload, for the message
     * @param expected the right count
     * @param actual the benchmark's count
     * @return {@code actual}, so callers can return it to JMH
     * @throws IllegalStateException if they differ
     */
    public static long verify(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + " primes, got " + actual);
        }
        return actual;
    }
}
