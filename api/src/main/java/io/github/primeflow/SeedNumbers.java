package io.github.primeflow;

import java.util.List;

/**
 * The 20 sample numbers of the seed's {@code primes.py}, from 2 to 10<sup>16</sup> − 1: the workload of
 * every experiment and benchmark in this project. Under trial division the 16-digit primes among them
 * take the longest, which is what makes them a CPU-bound test of a concurrency model.
 */
public final class SeedNumbers {

    private static final List<Long> NUMBERS = List.of(
            2L,
            3333333333333333L,
            4444444444444444L,
            5555555555555555L,
            6666666666666666L,
            142702110479723L,
            7777777777777777L,
            299593572317531L,
            9999999999999999L,
            3333333333333301L,
            3333335652092209L,
            4444444488888889L,
            4444444444444423L,
            5555553133149889L,
            5555555555555503L,
            6666666666666719L,
            6666667141414921L,
            7777777536340681L,
            7777777777777753L,
            9999999999999917L);

    private SeedNumbers() {
    }

    /**
     * The numbers, in the seed's order.
     *
     * @return an immutable list of the 20 numbers
     */
    public static List<Long> list() {
        return NUMBERS;
    }

    /**
     * The numbers, in the seed's order, as a new array.
     *
     * @return a fresh array of the 20 numbers
     */
    public static long[] toArray() {
        return NUMBERS.stream().mapToLong(Long::longValue).toArray();
    }
}
