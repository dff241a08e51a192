package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

/**
 * Rules that hold a promise at other points of its range than the one the first rule of that promise looks
 * at: other kernels, parallelisms, orderings and windows, demand at its extremes, and every field of a result.
 */
final class RangeRules {

    /**
     * Strong pseudoprimes to the base sets of well-known "fast" Miller–Rabin variants: each is composite but
     * passes the strong test for the bases listed (checked by the kit's own tests against BigInteger).
     */
    static final long[] STRONG_PSEUDOPRIMES = {
        2047L,                  // base 2
        1373653L,               // bases 2, 3
        9080191L,               // bases 31, 73
        25326001L,              // bases 2, 3, 5
        3215031751L,            // bases 2, 3, 5, 7
        4759123141L,            // bases 2, 7, 61 (the set that is exact for every int)
        1122004669633L,         // bases 2, 13, 23, 1662803
        2152302898747L,         // bases 2 .. 11
        3474749660383L,         // bases 2 .. 13
        341550071728321L,       // bases 2 .. 17
        3825123056546413051L,   // bases 2 .. 23
    };

    private RangeRules() {
    }

    // ---- P1 verdicts with every kernel ----

    /**
     * Each strong pseudoprime and the prime next to it, in a stream, with both built-in kernels and a user
     * kernel, at parallelism 1 and 4 and in both orderings: a backend that swaps in its own "faster" kernel for
     * a built-in one, or takes a shortcut for some numbers, shows it here.
     */
    static void verdictsOnStrongPseudoprimes(RuleContext ctx) {
        long[] numbers = LongStream.of(STRONG_PSEUDOPRIMES)
                .flatMap(n -> LongStream.of(n, BigInteger.valueOf(n).nextProbablePrime().longValueExact())).toArray();
        // Trial division of a prime above 10^15 takes long; its composites (small factors) are instant.
        long[] forTrialDivision = LongStream.of(numbers).filter(n -> n < 1_000_000_000_000_000L || !Reference.isPrime(n))
                .toArray();
        PrimalityTest user = n -> BigInteger.valueOf(n).isProbablePrime(64);
        int round = 0;
        for (int parallelism : new int[] {1, 4}) {
            for (Ordering ordering : Ordering.values()) {
                PrimalityTest[] kernels = {PrimalityTest.millerRabin(), PrimalityTest.trialDivision(), user};
                for (PrimalityTest kernel : kernels) {
                    long[] input = kernel == kernels[1] ? forTrialDivision : numbers;
                    PrimeChecker checker = ctx.checker(ctx.options().parallelism(parallelism).ordering(ordering)
                            .primalityTest(kernel).build());
                    TckSubscriber s = ctx.subscribe(checker.check(input), Long.MAX_VALUE, 0);
                    ctx.awaitTermination(s);
                    RuleContext.assertCleanSignals(s);
                    assertThat(s.errors).isEmpty();
                    assertThat(s.results).as("one result per number").hasSize(input.length);
                    for (PrimeResult r : s.results) {
                        assertThat(r.prime()).as("verdict for %d (%s, parallelism %d, %s)", r.number(), kernel,
                                parallelism, ordering).isEqualTo(Reference.isPrime(r.number()));
                    }
                    round++;
                }
            }
        }
        assertThat(round).isEqualTo(12);
    }

    // ---- P2 every field of a result ----

    /** How long each call of the timed kernel takes at least. */
    private static final long KERNEL_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    /**
     * A user kernel that takes at least 30 ms per call: each result names its number, carries the reference
     * verdict, and an {@code elapsedNanos} between the kernel's 30 ms and the wall time the subscriber saw
     * around the whole stream (milliseconds in that field, or a time from the wrong clock, fail).
     */
    static void eachResultCarriesItsNumberVerdictAndKernelTime(RuleContext ctx) {
        long[] numbers = {97, 98, 1_000_003, 1_000_004, 2_147_483_647L, 2_147_483_649L};
        PrimalityTest timed = n -> {
            long end = System.nanoTime() + KERNEL_NANOS;
            for (long left = KERNEL_NANOS; left > 0; left = end - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
        for (Ordering ordering : Ordering.values()) {
            PrimeChecker checker = ctx.checker(ctx.options().ordering(ordering).primalityTest(timed).build());
            long before = System.nanoTime();
            TckSubscriber s = ctx.subscribe(checker.check(numbers), Long.MAX_VALUE, 0);
            ctx.awaitTermination(s);
            long wall = System.nanoTime() - before;
            RuleContext.assertCleanSignals(s);
            assertThat(s.errors).isEmpty();
            assertThat(s.results).extracting(PrimeResult::number).as("numbers")
                    .containsExactlyInAnyOrderElementsOf(LongStream.of(numbers).boxed().toList());
            for (PrimeResult r : s.results) {
                assertThat(r.prime()).as("verdict for %d", r.number()).isEqualTo(Reference.isPrime(r.number()));
                assertThat(r.elapsedNanos()).as("elapsedNanos of %s (%s): at least the kernel's %d ns, at most the"
                        + " %d ns the stream took", r, ordering, KERNEL_NANOS, wall)
                        .isBetween(KERNEL_NANOS, wall);
            }
        }
    }

    // ---- P3 ordering under concurrency ----

    /**
     * 200 numbers whose kernel calls take 0 to 2 ms in a scrambled pattern, at parallelism 2 and 4 with a small
     * and a large window: several workers finish out of order all the time, and {@code INPUT_ORDER} must still
     * emit every result in input order.
     */
    static void inputOrderIsKeptWhileWorkersFinishOutOfOrder(RuleContext ctx) {
        long first = 1_000_000L;
        int count = 200;
        PrimalityTest scrambled = n -> {
            LockSupport.parkNanos(((n * 0x9E3779B97F4A7C15L) >>> 40) % 2_000_000L);
            return PrimalityTest.millerRabin().isPrime(n);
        };
        for (int parallelism : new int[] {2, 4}) {
            for (int maxInFlight : new int[] {8, CheckerOptions.builder().parallelism(parallelism).build().maxInFlight()}) {
                PrimeChecker checker = ctx.checker(ctx.options().parallelism(parallelism).maxInFlight(maxInFlight)
                        .ordering(Ordering.INPUT_ORDER).primalityTest(scrambled).build());
                TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(first, count)), 5, 1);
                ctx.awaitTermination(s);
                RuleContext.assertCleanSignals(s);
                assertThat(s.errors).isEmpty();
                assertThat(s.results).extracting(PrimeResult::number)
                        .as("INPUT_ORDER, parallelism %d, maxInFlight %d", parallelism, maxInFlight)
                        .containsExactlyElementsOf(LongStream.range(first, first + count).boxed().toList());
            }
        }
    }

    // ---- P4 demand at its extremes ----

    /**
     * Two requests whose sum passes {@code Long.MAX_VALUE} mean "unbounded" (§3.17): the stream delivers every
     * result and completes, with the numbers of {@code check} and of {@code checkRange}. A counter that wraps
     * negative stalls the stream.
     */
    static void demandSaturatesAtLongMaxValue(RuleContext ctx) {
        long[][] pairs = {{Long.MAX_VALUE, Long.MAX_VALUE}, {Long.MAX_VALUE - 1, 2}, {1L << 62, 1L << 62},
            {1, Long.MAX_VALUE}};
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        for (long[] pair : pairs) {
            for (boolean range : new boolean[] {false, true}) {
                TckSubscriber s = ctx.subscribe(range ? checker.checkRange(2, 502)
                        : checker.check(UpstreamProbe.range(2, 500)), 0, 0);
                s.request(pair[0]);
                s.request(pair[1]);
                ctx.awaitTermination(s);
                RuleContext.assertCleanSignals(s);
                assertThat(s.errors).as("request(%d), request(%d)", pair[0], pair[1]).isEmpty();
                assertThat(s.results).as("request(%d), request(%d)", pair[0], pair[1]).hasSize(500);
            }
        }
    }

    // ---- P6 the reorder buffer counts ----

    /**
     * {@code INPUT_ORDER} with the first number held and every other one instant: the results behind the head
     * wait in the reorder buffer, which counts against {@code maxInFlight}, so upstream demand stays bounded.
     */
    static void reorderBufferCountsAgainstMaxInFlight(RuleContext ctx) {
        CountDownLatch head = new CountDownLatch(1);
        PrimalityTest headHeld = n -> {
            if (n == 2) {
                try {
                    head.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("held head interrupted");
                }
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
        KernelProbe probe = KernelProbe.wrapping(headHeld);
        CheckerOptions options = ctx.options().ordering(Ordering.INPUT_ORDER).maxInFlight(16).primalityTest(probe)
                .build();
        PrimeChecker checker = ctx.checker(options);
        UpstreamProbe upstream = UpstreamProbe.range(2, 20_000);
        TckSubscriber s = ctx.subscribe(checker.check(upstream), Long.MAX_VALUE, 0);
        try {
            ctx.awaitUntil("numbers behind the held head were checked", () -> probe.finished() >= 8);
            long bound = options.maxInFlight() + options.prefetch();
            ctx.staysTrue("upstream demand - delivered <= maxInFlight + prefetch = " + bound + " while the head is held",
                    () -> upstream.requested() - s.delivered() <= bound);
        } finally {
            head.countDown();
        }
        ctx.awaitTermination(s);
        assertThat(s.results).hasSize(20_000);
        List<Long> firstFew = s.results.stream().limit(3).map(PrimeResult::number).toList();
        assertThat(firstFew).containsExactly(2L, 3L, 4L);
    }
}
