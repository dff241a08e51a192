package io.github.primeflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;

/**
 * Trial division, exactly as the seed's {@code is_prime}: {@code n} is prime when it is 2, or odd, at
 * least 3 and not divisible by any odd {@code d} with {@code 3 <= d <= isqrt(n)}.
 *
 * <p><b>Cancellation.</b> The divisor loop polls its thread's interrupt flag every
 * {@value #DIVISORS_PER_POLL} divisors (tens of microseconds) and then throws
 * {@link CancellationException}, leaving the flag set. Polling between blocks of divisors keeps the
 * uninterrupted loop free of extra work per divisor.
 *
 * <p><b>Splitting one number.</b> {@link #split(long, int)} cuts the divisors of one number into
 * {@link DivisorRange}s of equal work; {@code n} is prime exactly when
 * {@link #hasNoDivisorIn(DivisorRange)} holds for every range, so a backend can check the ranges on
 * different cores and stop the others at the first divisor found. {@link #isPrime(long, Executor, int)}
 * does exactly that for every number with more than {@value #SPLIT_DIVISORS} odd divisors to try (from
 * about 0.2 ms of work on): the calling thread and helper tasks on the backend's pool claim ranges of
 * about 2<sup>18</sup> divisors (well under a millisecond) until none is left.
 *
 * <p>Instances are stateless and thread-safe; obtain the shared one with
 * {@link PrimalityTest#trialDivision()}.
 */
public final class TrialDivision implements PrimalityTest {

    /** How many odd divisors are tried between two polls of the interrupt flag. */
    public static final int DIVISORS_PER_POLL = 4096;

    /** Numbers with at least this many odd divisors to try are shared with helpers. */
    public static final long SPLIT_DIVISORS = 1L << 19;

    /**
     * The work of one shared range, in odd divisors: about 80 µs on the development machine, so the last range
     * ends soon.
     */
    static final long DIVISORS_PER_RANGE = 1L << 18;

    /** Keeps the list of ranges of a 19-digit prime small; its ranges are then a few times larger. */
    private static final int MAX_RANGES = 4096;

    /** From this divisor on, every remainder is found through a floating-point quotient (see noOddDivisor). */
    static final long QUOTIENT_ESTIMATE_FROM = 1L << 16;

    /** Numbers from 2^32 on, whose divisors reach 2^16, use the quotient below that too, where it is exact. */
    private static final long SMALL_QUOTIENTS_FROM_NUMBER = 1L << 32;

    /** {@code isqrt(Long.MAX_VALUE)}: the largest root whose square fits in a {@code long}. */
    private static final long MAX_ROOT = 3_037_000_499L;

    static final TrialDivision INSTANCE = new TrialDivision();

    private TrialDivision() {
    }

    /**
     * One slice of the trial division of {@link #number()}: the odd divisors {@code d} with
     * {@code fromInclusive <= d < toExclusive}.
     *
     * @param number the number being checked
     * @param fromInclusive the smallest divisor of the slice (rounded up to odd, at least 3)
     * @param toExclusive the end of the slice (clamped to {@code isqrt(number) + 1} when checked)
     */
    public record DivisorRange(long number, long fromInclusive, long toExclusive) {
        /**
         * Validates the bounds.
         *
         * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}
         */
        public DivisorRange {
            if (fromInclusive > toExclusive) {
                throw new IllegalArgumentException(
                        "DivisorRange: fromInclusive (" + fromInclusive + ") > toExclusive (" + toExclusive + ")");
            }
        }
    }

    /**
     * Decides whether {@code n} is prime, on the calling thread.
     *
     * @param n any {@code long}; below 2 is not prime
     * @return {@code true} if {@code n} is prime
     * @throws CancellationException if the calling thread is interrupted during the divisor loop
     */
    @Override
    public boolean isPrime(long n) {
        return checkAlone(n);
    }

    /**
     * Decides whether {@code n} is prime; when {@code n} has at least {@value #SPLIT_DIVISORS} odd divisors
     * to try and {@code parallelism > 1}, the calling thread shares the divisor ranges with
     * {@code parallelism} tasks submitted to {@code helpers}, at most {@code parallelism} threads work at
     * once, and every one stops at the first divisor found. A rejected submission is not an error: the
     * calling thread then checks more ranges itself.
     *
     * @param n any {@code long}
     * @param helpers the executor the caller's CPU work runs on
     * @param parallelism how many threads, the caller included, may work on {@code n} at once
     * @return {@code true} if {@code n} is prime
     * @throws NullPointerException if {@code helpers} is null
     * @throws IllegalArgumentException if {@code parallelism < 1}
     * @throws CancellationException if the calling thread is interrupted (helpers stop too)
     */
    @Override
    public boolean isPrime(long n, Executor helpers, int parallelism) {
        checkHelpers(helpers, parallelism);
        if (!passesTrivialChecks(n)) {
            return false;
        }
        // Most numbers of a stream are cheap: decide them with one square root, as isPrime(n) would.
        long limit = divisorLimit(n);
        long oddDivisors = oddDivisorsBelow(limit);
        if (parallelism == 1 || oddDivisors < SPLIT_DIVISORS) {
            return noOddDivisor(n, 3, limit, null, null);
        }
        int ranges = (int) Math.min(MAX_RANGES, (oddDivisors + DIVISORS_PER_RANGE - 1) / DIVISORS_PER_RANGE);
        return new SharedDivisorSearch(split(n, ranges), parallelism).run(helpers);
    }

    /**
     * Checks one slice of divisors, on the calling thread. The even and small cases ({@code n < 2},
     * even {@code n}) are decided by every slice, so the verdict is the conjunction over the slices
     * returned by {@link #split(long, int)}.
     *
     * @param range a slice of the divisors of {@code range.number()}
     * @return {@code false} if the number is below 2, even and not 2, or has an odd divisor in the range
     * @throws NullPointerException if {@code range} is null
     * @throws CancellationException if the calling thread is interrupted during the divisor loop
     */
    public boolean hasNoDivisorIn(DivisorRange range) {
        return noDivisorIn(range, null, null);
    }

    /**
     * As {@link #hasNoDivisorIn(DivisorRange)}, for a range of a shared search: also ends with
     * {@link CancellationException} once {@code search} is over, and uses the participant's own {@code blocks}
     * (null where they are disabled). Tools that flag CPU-heavy methods by name list it explicitly (the kit's
     * {@code META-INF/primeflow-blocking/cpu-heavy-methods}).
     */
    boolean searchRange(DivisorRange range, SharedDivisorSearch search, QuotientBlocks blocks) {
        return noDivisorIn(range, search, blocks);
    }

    private static boolean noDivisorIn(DivisorRange range, SharedDivisorSearch search, QuotientBlocks blocks) {
        Objects.requireNonNull(range, "range");
        long n = range.number();
        return passesTrivialChecks(n)
                && noOddDivisor(n, Math.max(3, range.fromInclusive()),
                        Math.min(range.toExclusive(), divisorLimit(n)), search, blocks);
    }

    /**
     * Cuts the divisors of {@code n} into at most {@code parts} ranges with (nearly) the same number of
     * odd divisors each. Small numbers give a single range.
     *
     * @param n the number to check
     * @param parts how many ranges are wanted, at least 1
     * @return between 1 and {@code parts} contiguous ranges covering {@code [3, isqrt(n) + 1)}
     * @throws IllegalArgumentException if {@code parts < 1}
     */
    public List<DivisorRange> split(long n, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        long limit = divisorLimit(n);
        long oddDivisors = oddDivisorsBelow(limit);
        int count = (int) Math.max(1, Math.min(parts, oddDivisors));
        List<DivisorRange> ranges = new ArrayList<>(count);
        long from = 3;
        for (int i = 1; i <= count; i++) {
            long to = i == count ? Math.max(limit, 3) : 3 + 2 * (oddDivisors * i / count);
            ranges.add(new DivisorRange(n, from, to));
            from = to;
        }
        return List.copyOf(ranges);
    }

    /**
     * The exclusive upper bound of the divisors trial division tries for {@code n}:
     * {@code isqrt(n) + 1}, or 0 for {@code n < 1}.
     *
     * @param n any {@code long}
     * @return {@code floor(sqrt(n)) + 1} for positive {@code n}, else 0
     */
    public static long divisorLimit(long n) {
        if (n < 1) {
            return 0;
        }
        long r = Math.min((long) Math.sqrt((double) n), MAX_ROOT);
        // The double square root can be off by one near 2^63; correct it with products, which cost a fraction
        // of a division (every check pays this) and cannot overflow below MAX_ROOT.
        while (r * r > n) {
            r--;
        }
        while (r < MAX_ROOT && (r + 1) * (r + 1) <= n) {
            r++;
        }
        return r + 1;
    }

    /** Not {@link #isPrime(long)} itself, so a kit that flags kernel methods reports one call, not two. */
    private static boolean checkAlone(long n) {
        return passesTrivialChecks(n) && noOddDivisor(n, 3, divisorLimit(n), null, null);
    }

    /**
     * The smallest divisor from which {@code d} divides {@code n} is decided through a floating-point quotient: where
     * {@code n / d < 2^47}, at most {@link #QUOTIENT_ESTIMATE_FROM}. Numbers below 2^32 keep the integer remainder
     * for all their divisors (below 2^16), as before: their checks are short, and measured as they were.
     */
    static long quotientEstimateFrom(long n) {
        return n < SMALL_QUOTIENTS_FROM_NUMBER ? QUOTIENT_ESTIMATE_FROM : Math.max(3, (n >>> 47) + 1);
    }

    /** How many odd divisors {@code 3 <= d < limit} trial division tries at most. */
    private static long oddDivisorsBelow(long limit) {
        return Math.max(0, (limit - 3 + 1) / 2);
    }

    static void checkHelpers(Executor helpers, int parallelism) {
        Objects.requireNonNull(helpers, "helpers");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    private static boolean passesTrivialChecks(long n) {
        return n == 2 || (n > 2 && (n & 1) == 1);
    }

    /**
     * The divisor loop; between blocks it polls the interrupt flag and, when shared, whether the search is over.
     *
     * <p>From {@link #quotientEstimateFrom(long)} on, {@code d} divides {@code n} is decided without a 64-bit
     * integer division, which costs more than a floating-point one: {@code q = (long) ((double) n / d)} is within 1
     * of {@code floor(n / d)} as long as {@code n / d < 2^47}, because the two roundings move it by less than
     * {@code 2^47 * 2^-52}; so {@code r = n - q * d} lies in {@code [-d, 2d)}, computed exactly (a {@code long}
     * product that wraps still leaves the exact difference, which fits), and {@code d} divides {@code n} exactly
     * when {@code r} is {@code -d}, 0 or {@code d}. The same divisors are tried in the same order, with the same
     * verdict: about 1.4 times as fast on the seed's numbers. Where the JIT vectorizes it, the same test runs on
     * {@link QuotientBlocks} of divisors (about 4 times as fast again).
     */
    private static boolean noOddDivisor(
            long n, long fromInclusive, long toExclusive, SharedDivisorSearch search, QuotientBlocks reusable) {
        double nd = n;
        long quotientFrom = quotientEstimateFrom(n);
        QuotientBlocks blocks = !QuotientBlocks.ENABLED || quotientFrom >= toExclusive ? null
                : reusable != null ? reusable : new QuotientBlocks();
        long d = fromInclusive | 1;
        while (d < toExclusive) {
            long blockEnd = Math.min(toExclusive, d + 2L * DIVISORS_PER_POLL);
            if (!noOddDivisorInBlock(n, nd, quotientFrom, blocks, d, blockEnd)) {
                return false;
            }
            d = blockEnd;
            if (d < toExclusive) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("trial division of " + n + " interrupted at divisor " + d);
                }
                if (search != null && search.isOver()) {
                    throw new CancellationException("trial division of " + n + " decided elsewhere");
                }
            }
        }
        return true;
    }

    /**
     * The divisors of one poll block, {@code d <= divisor < blockEnd}: a method of its own, compiled apart from the
     * polling loop. On the 16-digit prime (both versions in one JVM, alternating) sequential and helped checks took
     * 3-4 % less time than with the loop inlined in {@code noOddDivisor}; workloads B and C did not change.
     */
    private static boolean noOddDivisorInBlock(
            long n, double nd, long quotientFrom, QuotientBlocks blocks, long d, long blockEnd) {
        for (long remainderEnd = Math.min(blockEnd, quotientFrom); d < remainderEnd; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        if (blocks != null) {
            for (; d + 2L * (QuotientBlocks.SIZE - 1) < blockEnd; d += 2L * QuotientBlocks.SIZE) {
                if (!blocks.noneDivides(n, d)) {
                    return false;
                }
            }
        }
        for (; d < blockEnd; d += 2) {
            long r = n - (long) (nd / d) * d;
            if (r == 0 || r == d || r == -d) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "trial-division";
    }
}
