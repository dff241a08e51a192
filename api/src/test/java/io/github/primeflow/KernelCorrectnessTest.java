package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both kernels against independent references: a sieve, {@code BigInteger}, and known hard cases. */
class KernelCorrectnessTest {

    private static final int SIEVE_LIMIT = 10_000_000;
    private static final BitSet COMPOSITE = sieve(SIEVE_LIMIT);

    /** The largest prime below 2^63. */
    static final long LARGEST_LONG_PRIME = 9_223_372_036_854_775_783L;

    static Stream<Arguments> kernels() {
        return Stream.of(
                Arguments.of(PrimalityTest.trialDivision()),
                Arguments.of(PrimalityTest.millerRabin()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void agreesWithASieveBelowTenMillion(PrimalityTest kernel) {
        for (int n = 0; n < SIEVE_LIMIT; n++) {
            boolean expected = n >= 2 && !COMPOSITE.get(n);
            if (kernel.isPrime(n) != expected) {
                throw new AssertionError(kernel + " says isPrime(" + n + ") = " + !expected);
            }
        }
    }

    @Property(tries = 20_000)
    void millerRabinAgreesWithBigIntegerOverEveryLong(@ForAll long n) {
        assertThat(PrimalityTest.millerRabin().isPrime(n)).as("isPrime(%d)", n).isEqualTo(reference(n));
    }

    @Property(tries = 2_000)
    void millerRabinAgreesWithBigIntegerNearTheTop(@ForAll @LongRange(min = Long.MAX_VALUE - 1_000_000) long n) {
        assertThat(PrimalityTest.millerRabin().isPrime(n)).as("isPrime(%d)", n).isEqualTo(reference(n));
    }

    /**
     * Trial division of a prime near 2^63 takes tens of seconds, so random samples stay below 10^14
     * (at most 5 × 10^6 divisors each); {@link #edges} covers the top of the range.
     */
    @Property(tries = 300)
    void trialDivisionAgreesWithBigInteger(@ForAll @LongRange(min = -1000, max = 100_000_000_000_000L) long n) {
        assertThat(PrimalityTest.trialDivision().isPrime(n)).as("isPrime(%d)", n).isEqualTo(reference(n));
    }

    @Property(tries = 300)
    void trialDivisionAgreesWithBigIntegerOnProductsOfTwoLargePrimes(
            @ForAll @LongRange(min = 1_000_000, max = 3_000_000) long a,
            @ForAll @LongRange(min = 1_000_000, max = 3_000_000) long b) {
        long p = BigInteger.valueOf(a).nextProbablePrime().longValueExact();
        long q = BigInteger.valueOf(b).nextProbablePrime().longValueExact();
        assertThat(PrimalityTest.trialDivision().isPrime(p * q)).as("isPrime(%d * %d)", p, q).isFalse();
        assertThat(PrimalityTest.millerRabin().isPrime(p * q)).as("isPrime(%d * %d)", p, q).isFalse();
    }

    static Stream<Arguments> hardCases() {
        return Stream.of(
                // Carmichael numbers: Fermat liars for every coprime base.
                hard(561), hard(1105), hard(1729), hard(2465), hard(2821), hard(6601), hard(8911),
                hard(41041), hard(825265), hard(321197185), hard(5394826801L), hard(232250619601L),
                hard(9746347772161L),
                // Strong pseudoprimes to several small bases at once (Jaeschke; Arnault).
                hard(2047), hard(1373653), hard(25326001), hard(3215031751L), hard(2152302898747L),
                hard(3474749660383L), hard(341550071728321L), hard(3825123056546413051L),
                hard(318665857834031151L), hard(7999252175582851L), hard(585226005592931977L),
                // Squares of large primes: the only divisor is the square root itself.
                hard(999999937L * 999999937L), hard(2147483647L * 2147483647L), hard(3037000493L * 3037000493L),
                hard(4294967291L * 2147483647L));
    }

    private static Arguments hard(long n) {
        return Arguments.of(n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hardCases")
    void hardCompositesAreComposite(long n) {
        assertThat(reference(n)).as("reference verdict for %d", n).isFalse();
        assertThat(PrimalityTest.millerRabin().isPrime(n)).isFalse();
        assertThat(PrimalityTest.trialDivision().isPrime(n)).isFalse();
    }

    /** The numbers the seed's output marks 'P'; the other eleven are composites slow to reject. */
    private static final Set<Long> SEED_PRIMES = Set.of(2L, 142702110479723L, 299593572317531L, 3333333333333301L,
            4444444444444423L, 5555555555555503L, 6666666666666719L, 7777777777777753L, 9999999999999917L);

    @Test
    void seedNumbersHaveTheirKnownVerdicts() {
        long[] seed = SeedNumbers.toArray();
        assertThat(seed).hasSize(20).startsWith(2L).endsWith(9999999999999917L);
        for (long n : seed) {
            boolean expected = SEED_PRIMES.contains(n);
            assertThat(reference(n)).as("BigInteger %d", n).isEqualTo(expected);
            assertThat(PrimalityTest.millerRabin().isPrime(n)).as("miller-rabin %d", n).isEqualTo(expected);
            assertThat(PrimalityTest.trialDivision().isPrime(n)).as("trial division %d", n).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void smallAndNegativeNumbersAreNotPrime(PrimalityTest kernel) {
        for (long n : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, -7, -2, -1, 0, 1, 4, 9, 25}) {
            assertThat(kernel.isPrime(n)).as("isPrime(%d)", n).isFalse();
        }
        for (long n : new long[] {2, 3, 5, 7, 11, 37, 41, 1681 - 2, 2147483647L}) {
            assertThat(kernel.isPrime(n)).as("isPrime(%d)", n).isEqualTo(reference(n));
        }
    }

    @Test
    void topOfTheLongRange() {
        assertThat(PrimalityTest.millerRabin().isPrime(Long.MAX_VALUE)).isFalse(); // 7^2 * 73 * 127 * 337 * ...
        assertThat(PrimalityTest.trialDivision().isPrime(Long.MAX_VALUE)).isFalse();
        assertThat(reference(LARGEST_LONG_PRIME)).isTrue();
        assertThat(PrimalityTest.millerRabin().isPrime(LARGEST_LONG_PRIME)).isTrue();
        // Trial division tries ~1.5 * 10^9 divisors for this one; split over the cores to keep the test short.
        TrialDivision kernel = PrimalityTest.trialDivision();
        int parts = Runtime.getRuntime().availableProcessors();
        boolean prime = kernel.split(LARGEST_LONG_PRIME, parts).parallelStream().allMatch(kernel::hasNoDivisorIn);
        assertThat(prime).isTrue();
        assertThat(TrialDivision.divisorLimit(Long.MAX_VALUE)).isEqualTo(3037000499L + 1);
    }

    static boolean reference(long n) {
        return n >= 2 && BigInteger.valueOf(n).isProbablePrime(64);
    }

    private static BitSet sieve(int limit) {
        BitSet composite = new BitSet(limit);
        for (int i = 2; (long) i * i < limit; i++) {
            if (!composite.get(i)) {
                for (int j = i * i; j < limit; j += i) {
                    composite.set(j);
                }
            }
        }
        return composite;
    }
}
