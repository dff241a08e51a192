package io.github.primeflow.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.PrimalityTest;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The baselines must give the right answers, or their timings compare nothing. No timing here. */
class BaselinesTest {

    private static final PrimalityTest MILLER_RABIN = PrimalityTest.millerRabin();

    @Test
    void sieveCountsKnownPrimeCounts() {
        assertThat(Workloads.primesBelow(2)).isZero();
        assertThat(Workloads.primesBelow(100)).isEqualTo(25);
        assertThat(Workloads.primesBelow(1_000_000)).isEqualTo(78_498);
    }

    @Test
    void bareTrialDivisionAgreesWithMillerRabin() {
        for (long n = -5; n < 20_000; n++) {
            assertThat(BareTrialDivision.isPrime(n)).as("n = %d", n).isEqualTo(MILLER_RABIN.isPrime(n));
        }
        for (long n : new long[] {999_999_999_989L, 999_999_999_991L, 1_000_000_007L * 3, 49L, 2_147_483_647L}) {
            assertThat(BareTrialDivision.isPrime(n)).as("n = %d", n).isEqualTo(MILLER_RABIN.isPrime(n));
        }
    }

    @Test
    void isqrtIsExactNearTheTopOfTheLongRange() {
        // 3037000499^2 = 9223372030926249001 <= 2^63 - 1 < 3037000500^2
        assertThat(BareTrialDivision.isqrt(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
        assertThat(BareTrialDivision.isqrt(99)).isEqualTo(9);
        assertThat(BareTrialDivision.isqrt(100)).isEqualTo(10);
    }

    @Test
    void forLoopsParallelStreamAndJobQueueCountTheSamePrimes() {
        long expected = Workloads.primesBelow(50_000);

        assertThat(Baselines.forLoop(1, 50_000, MILLER_RABIN)).isEqualTo(expected);
        assertThat(Baselines.forLoop(LongStream.range(1, 50_000).toArray(), MILLER_RABIN)).isEqualTo(expected);
        assertThat(Baselines.parallelStream(LongStream.range(1, 50_000), MILLER_RABIN)).isEqualTo(expected);
        assertThat(JobQueue.countPrimes(LongStream.range(1, 50_000).iterator(), 3, MILLER_RABIN)).isEqualTo(expected);
    }

    @Test
    void randomNumbersAreReproducibleAndPositive() {
        assertThat(Workloads.random63Bit(1000)).containsExactly(Workloads.random63Bit(1000));
        assertThat(java.util.Arrays.stream(Workloads.random63Bit(1000)).min().orElseThrow()).isNotNegative();
    }
}
