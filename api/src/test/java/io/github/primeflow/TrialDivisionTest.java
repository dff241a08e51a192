package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.primeflow.TrialDivision.DivisorRange;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Cancellation and splitting, the parts of trial division beyond its verdicts. */
class TrialDivisionTest {

    private final TrialDivision kernel = PrimalityTest.trialDivision();

    @Property
    void theDivisorLimitIsOnePastTheIntegerSquareRoot(@ForAll @LongRange(min = 1) long n) {
        assertThat(TrialDivision.divisorLimit(n)).isEqualTo(BigInteger.valueOf(n).sqrt().longValueExact() + 1);
    }

    /** Next to a perfect square the double square root rounds the wrong way; up to 2^63 - 1 its square overflows. */
    @Property
    void theDivisorLimitIsExactNextToPerfectSquares(@ForAll @LongRange(min = 2, max = 3_037_000_499L) long root,
            @ForAll @IntRange(min = -1, max = 1) int offset) {
        long n = root * root + offset;
        long expected = BigInteger.valueOf(n).sqrt().longValueExact() + 1;
        assertThat(TrialDivision.divisorLimit(n)).isEqualTo(expected);
        assertThat(TrialDivision.divisorLimit(Long.MAX_VALUE)).isEqualTo(3_037_000_499L + 1);
    }

    /**
     * From {@code QUOTIENT_ESTIMATE_FROM} on, divisibility is decided through a floating-point quotient: the
     * verdict for one divisor equals {@code n % d == 0} for multiples of {@code d} up to {@code Long.MAX_VALUE}
     * and their odd neighbours, next to {@code Long.MAX_VALUE} too, where the quotient estimate may be off by one.
     */
    @Property(tries = 5_000)
    void aDivisorFromTheQuotientEstimateOnDecidesAsTheRemainderDoes(
            @ForAll @LongRange(min = TrialDivision.QUOTIENT_ESTIMATE_FROM, max = 3_037_000_499L) long divisor,
            @ForAll @LongRange(min = 0) long multiple, @ForAll @IntRange(min = -2, max = 2) int offset) {
        long d = divisor | 1;
        long largest = Long.MAX_VALUE / d; // n = d * m stays a long, and d <= isqrt(n) since m >= d + 2
        long m = (largest - multiple % Math.max(1, largest - d - 2)) | 1; // odd, as trial division sees only odd n
        if (m < d + 2 || m > largest) {
            return; // d is too large to have an odd multiple with d below its square root
        }
        long n = d * m + 2L * offset; // offset 0: a multiple; +-2, +-4: odd neighbours
        assertThat(kernel.hasNoDivisorIn(new DivisorRange(n, d, d + 1))).as("%d %% %d", n, d).isEqualTo(n % d != 0);
    }

    /**
     * Below {@code QUOTIENT_ESTIMATE_FROM}, numbers from 2^32 on use the quotient too where {@code n / d < 2^47}: up
     * to that edge, on multiples and their odd neighbours, it decides as {@code n % d} does.
     */
    @Property(tries = 5_000)
    void aSmallDivisorOfALargeNumberDecidesAsTheRemainderDoes(
            @ForAll @LongRange(min = 3, max = TrialDivision.QUOTIENT_ESTIMATE_FROM - 1) long divisor,
            @ForAll @LongRange(min = 0, max = 1L << 46) long below, @ForAll @IntRange(min = -2, max = 2) int offset) {
        long d = divisor | 1;
        long m = (((1L << 47) - 2 - below) / d * (d - 1)) | 1; // n / d below 2^47 * (d - 1) / d, down to 2^45
        long n = d * m + 2L * offset;
        assertThat(TrialDivision.quotientEstimateFrom(n)).as("the quotient decides %d at %d", n, d)
                .isLessThanOrEqualTo(d);
        assertThat(kernel.hasNoDivisorIn(new DivisorRange(n, d, d + 1))).as("%d %% %d", n, d).isEqualTo(n % d != 0);
    }

    /**
     * An uninterrupted check of this prime tries 1.5 × 10^9 divisors (0.5 s with vectorized blocks, 2 s
     * without), so ending with a cancellation proves the interrupt stopped it. How fast it stops is a benchmark's
     * business; the kernel polls every 4096 divisors, tens of microseconds.
     */
    @Test
    void anInterruptStopsTheDivisorLoop() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong stoppedAt = new AtomicLong();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            started.countDown();
            try {
                kernel.isPrime(KernelCorrectnessTest.LARGEST_LONG_PRIME);
                outcome.complete(null);
            } catch (Throwable t) {
                stoppedAt.set(System.nanoTime());
                outcome.complete(t);
            }
        }, "trial-division-under-test");
        worker.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long interruptedAt = System.nanoTime();
        worker.interrupt();

        Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(CancellationException.class)
                .hasMessageContaining(Long.toString(KernelCorrectnessTest.LARGEST_LONG_PRIME));
        assertThat(Duration.ofNanos(stoppedAt.get() - interruptedAt)).isLessThan(Duration.ofSeconds(5));
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void anAlreadyInterruptedThreadStopsAtTheFirstPollAndKeepsItsFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> kernel.isPrime(9_999_999_999_999_917L)).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void smallChecksFinishBeforeTheFirstPoll() {
        Thread.currentThread().interrupt();
        try {
            // isqrt(10^6) is 1000: fewer divisors than one polling block, so no poll happens.
            assertThat(kernel.isPrime(999_983)).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Property(tries = 500)
    void theSlicesOfASplitDecideLikeTheWholeCheck(
            @ForAll @LongRange(min = -10, max = 1_000_000_000_000L) long n, @ForAll @IntRange(min = 1, max = 16) int parts) {
        List<DivisorRange> ranges = kernel.split(n, parts);
        assertThat(ranges).hasSizeBetween(1, parts);
        assertThat(ranges.get(0).fromInclusive()).isEqualTo(3);
        assertThat(ranges.get(ranges.size() - 1).toExclusive()).isGreaterThanOrEqualTo(TrialDivision.divisorLimit(n));
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).fromInclusive()).isEqualTo(ranges.get(i - 1).toExclusive());
        }
        boolean allPass = ranges.stream().allMatch(kernel::hasNoDivisorIn);
        assertThat(allPass).isEqualTo(kernel.isPrime(n));
    }

    @Test
    void splitsCarryEqualWork() {
        List<DivisorRange> ranges = kernel.split(9_999_999_999_999_917L, 4);
        assertThat(ranges).hasSize(4);
        long[] widths = ranges.stream().mapToLong(r -> r.toExclusive() - r.fromInclusive()).toArray();
        for (long w : widths) {
            assertThat(w).isCloseTo(widths[0], Offset.offset(4L));
        }
    }

    @Test
    void aDivisorInOneSliceFailsOnlyThatSlice() {
        long p = 1_000_003L;
        long q = 999_999_937L;
        List<DivisorRange> ranges = kernel.split(p * q, 8);
        long failing = ranges.stream().filter(r -> !kernel.hasNoDivisorIn(r)).count();
        assertThat(failing).isEqualTo(1);
        assertThat(kernel.hasNoDivisorIn(new DivisorRange(p * q, p, p + 1))).isFalse();
        assertThat(kernel.hasNoDivisorIn(new DivisorRange(p * q, p + 2, p + 100))).isTrue();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> kernel.split(101, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parts");
        assertThatThrownBy(() -> new DivisorRange(101, 9, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromInclusive");
        assertThatThrownBy(() -> kernel.hasNoDivisorIn(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anInterruptStopsASplitRangeToo() throws Exception {
        DivisorRange whole = kernel.split(KernelCorrectnessTest.LARGEST_LONG_PRIME, 1).get(0);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                kernel.hasNoDivisorIn(whole);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "split-range-under-test");
        worker.start();
        worker.interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
