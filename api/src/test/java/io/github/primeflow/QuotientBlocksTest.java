package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A block of divisors decides as {@code n % d} does for each of its divisors wherever {@code n / d < 2^47}, whether
 * or not this JVM uses blocks in {@link TrialDivision} ({@link QuotientBlocks#ENABLED}).
 */
class QuotientBlocksTest {

    private static final long LARGEST_BLOCK_START = 3_037_000_499L - 2 * (QuotientBlocks.SIZE - 1);

    /** A multiple of one divisor of the block, or an odd neighbour of it, up to {@code Long.MAX_VALUE}. */
    @Property(tries = 3_000)
    void aBlockFindsADivisorWhereverItSits(
            @ForAll @LongRange(min = TrialDivision.QUOTIENT_ESTIMATE_FROM, max = LARGEST_BLOCK_START) long start,
            @ForAll @IntRange(min = 0, max = QuotientBlocks.SIZE - 1) int position,
            @ForAll @LongRange(min = 0) long multiple, @ForAll @IntRange(min = -2, max = 2) int offset) {
        long d = start | 1;
        long divisor = d + 2L * position;
        long largest = Long.MAX_VALUE / divisor;
        long m = (largest - multiple % Math.max(1, largest - divisor)) | 1;
        if (m < divisor || m > largest) {
            return; // no odd multiple of this divisor has it below its square root
        }
        long n = divisor * m + 2L * offset; // offset 0: a multiple; +-2, +-4: odd neighbours
        assertThat(new QuotientBlocks().noneDivides(n, d)).as("%d over [%d, %d]", n, d, d + 2 * QuotientBlocks.SIZE)
                .isEqualTo(noneDividesByRemainder(n, d));
    }

    /** Small divisors of numbers whose quotients by them stay below 2^47, up to that edge (n stays below 2^63). */
    @Property(tries = 3_000)
    void aBlockOfSmallDivisorsFindsADivisorWhereverItSits(
            @ForAll @LongRange(min = 3, max = TrialDivision.QUOTIENT_ESTIMATE_FROM / 2) long start,
            @ForAll @IntRange(min = 0, max = QuotientBlocks.SIZE - 1) int position,
            @ForAll @LongRange(min = 0, max = 1L << 46) long below, @ForAll @IntRange(min = -2, max = 2) int offset) {
        long d = start | 1;
        long divisor = d + 2L * position;
        long m = (((1L << 47) - 4 - below) / divisor * d) | 1; // n / d just below 2^47, down to about 2^46
        long n = divisor * m + 2L * offset;
        assertThat(new QuotientBlocks().noneDivides(n, d)).as("%d over [%d, %d]", n, d, d + 2 * QuotientBlocks.SIZE)
                .isEqualTo(noneDividesByRemainder(n, d));
    }

    /** One instance over consecutive blocks, as the divisor loop uses it, then over a block elsewhere. */
    @Property(tries = 500)
    void consecutiveBlocksAndAJumpDecideAsTheRemainderDoes(
            @ForAll @LongRange(min = 1L << 40) long n,
            @ForAll @LongRange(min = TrialDivision.QUOTIENT_ESTIMATE_FROM, max = 1L << 20) long start,
            @ForAll @LongRange(min = TrialDivision.QUOTIENT_ESTIMATE_FROM, max = 1L << 20) long elsewhere) {
        QuotientBlocks blocks = new QuotientBlocks();
        long d = start | 1;
        for (int block = 0; block < 8; block++, d += 2L * QuotientBlocks.SIZE) {
            assertThat(blocks.noneDivides(n, d)).as("%d over a block from %d", n, d)
                    .isEqualTo(noneDividesByRemainder(n, d));
        }
        long jump = elsewhere | 1;
        assertThat(blocks.noneDivides(n, jump)).as("%d over a block from %d", n, jump)
                .isEqualTo(noneDividesByRemainder(n, jump));
    }

    /** Trial division, blocks or not, agrees with {@link BigInteger#isProbablePrime} (exact at this certainty). */
    @Property(tries = 2_000)
    void trialDivisionAgreesWithBigIntegerPastTheFirstBlocks(
            @ForAll @LongRange(min = 1L << 34, max = 1L << 42) long n) {
        boolean expected = BigInteger.valueOf(n).isProbablePrime(64);
        assertThat(PrimalityTest.trialDivision().isPrime(n)).as("%d", n).isEqualTo(expected);
    }

    /** A product of two primes above 2^16 has no divisor but them, so only the block holding the smaller finds it. */
    @Property(tries = 1_000)
    void trialDivisionFindsTheOnlyDivisorOfASemiprime(@ForAll @IntRange(min = 1 << 16, max = 1 << 22) int p,
            @ForAll @IntRange(min = 0, max = 1 << 20) int gap) {
        long small = BigInteger.valueOf(p).nextProbablePrime().longValueExact();
        long large = BigInteger.valueOf(small + gap).nextProbablePrime().longValueExact();
        assertThat(PrimalityTest.trialDivision().isPrime(small * large)).as("%d * %d", small, large).isFalse();
    }

    private static boolean noneDividesByRemainder(long n, long d) {
        return LongStream.range(0, QuotientBlocks.SIZE).map(i -> d + 2 * i).allMatch(divisor -> n % divisor != 0);
    }
}
