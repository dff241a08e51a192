package io.github.primeflow.benchmarks.workload;

import io.github.primeflow.PrimalityTest;
import java.util.stream.LongStream;

/**
 * The two baselines that use no framework: a plain {@code for} loop on the calling thread (the floor of
 * per-number overhead) and {@link LongStream#parallel()} on the common pool (the JVM's ceiling for this
 * machine, which the targets of workloads B and C are relative to).
 */
public final class Baselines {

    private Baselines() {
    }

    /**
     * Checks every number on the calling thread.
     *
     * @param numbers the numbers
     * @param test the kernel
     * @return how many are prime
     */
    public static long forLoop(long[] numbers, PrimalityTest test) {
        long primes = 0;
        for (long n : numbers) {
            if (test.isPrime(n)) {
                primes++;
            }
        }
        return primes;
    }

    /**
     * Checks every number of {@code [fromInclusive, toExclusive)} on the calling thread.
     *
     * @param fromInclusive the first number
     * @param toExclusive one past the last
     * @param test the kernel
     * @return how many are prime
     */
    public static long forLoop(long fromInclusive, long toExclusive, PrimalityTest test) {
        long primes = 0;
        for (long n = fromInclusive; n < toExclusive; n++) {
            if (test.isPrime(n)) {
                primes++;
            }
        }
        return primes;
    }

    /**
     * Checks the numbers with a parallel stream: the fork/join common pool splits the (sized) source into
     * chunks, one per worker, with work stealing and no per-number hand-off.
     *
     * @param numbers a sequential or parallel stream of the numbers; consumed
     * @param test the kernel
     * @return how many are prime
     */
    public static long parallelStream(LongStream numbers, PrimalityTest test) {
        return numbers.parallel().filter(test::isPrime).count();
    }
}
