package io.github.primeflow.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.KernelProbe;
import io.github.primeflow.tck.RecordingSubscriber;
import io.github.primeflow.tck.UpstreamProbe;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What only the virtual-thread backend has: its blocking surface ({@code checkNow}, {@code checkAll},
 * {@code stream}), its own threads ({@code liveThreads()}, a virtual thread per batch). The pipeline rules of the
 * {@code Flow} surface are the kit's ({@link LoomTckTest}); what the kit does not reach is marked "kit gap".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoomPrimeCheckerTest {

    /** About 5 s of trial division when nobody interrupts it. */
    static final long BIG_PRIME = 9_223_372_036_854_775_783L;
    /** The next primes below {@link #BIG_PRIME}: as slow. */
    static final long BIG_PRIME_2 = 9_223_372_036_854_775_643L;
    static final long BIG_PRIME_3 = 9_223_372_036_854_775_549L;
    static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private final List<LoomPrimeChecker> checkers = new ArrayList<>();

    @AfterEach
    void closeCheckers() {
        checkers.forEach(LoomPrimeChecker::close);
    }

    private LoomPrimeChecker checker(CheckerOptions.Builder options) {
        LoomPrimeChecker checker = LoomPrimeChecker.create(options.build());
        checkers.add(checker);
        return checker;
    }

    private static CheckerOptions.Builder options(int parallelism, PrimalityTest test) {
        return CheckerOptions.builder().parallelism(parallelism).primalityTest(test);
    }

    private static List<Long> numbers(RecordingSubscriber<PrimeResult> s) {
        return s.items().stream().map(PrimeResult::number).toList();
    }

    private static void assertTrueVerdicts(Iterable<PrimeResult> results) {
        for (PrimeResult r : results) {
            assertThat(r.prime()).as("verdict for %d", r.number())
                    .isEqualTo(r.number() > 1 && BigInteger.valueOf(r.number()).isProbablePrime(64));
        }
    }

    private static void assertClean(RecordingSubscriber<?> s) {
        assertThat(s.violations()).isEmpty();
    }

    // ---- P3, beyond the kit ----

    /** Kit gap: P3 only asks COMPLETION_ORDER for the same results, not for fast ones to overtake a slow one. */
    @Test
    void p3_completionOrderEmitsAsSoonAsAResultIsReady() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold(n -> n == 11);
        LoomPrimeChecker checker = checker(options(2, probe).ordering(Ordering.COMPLETION_ORDER));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(11, 12, 13, 14).subscribe(s);

        await().atMost(HANG_GUARD).until(() -> s.received() == 3);
        assertThat(numbers(s)).containsExactlyInAnyOrder(12L, 13L, 14L);
        probe.release();
        s.awaitTermination(HANG_GUARD);
        assertThat(numbers(s)).last().isEqualTo(11L);
        assertClean(s);
    }

    // ---- §3.9 mid-stream ----

    /** Kit gap: P4 asks for the error on a first request(0), not for the upstream to be cancelled mid-stream. */
    @ParameterizedTest
    @EnumSource(Ordering.class)
    void rule3_9_nonPositiveRequestEndsWithIllegalArgumentException(Ordering ordering) throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()).ordering(ordering));
        UpstreamProbe upstream = UpstreamProbe.range(0, 1_000_000);
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(5, 0);
        checker.check(upstream).subscribe(s);
        await().atMost(HANG_GUARD).until(() -> s.received() == 5);
        s.request(0);

        s.awaitTermination(HANG_GUARD);
        assertThat(s.errors()).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(s.errors().get(0)).hasMessageContaining("3.9");
        await().atMost(HANG_GUARD).until(upstream::cancelled);
        assertClean(s);
    }

    // ---- P7 cancellation, beyond the kit ----

    /** The kit checks that cancel() interrupts (P7), not how soon. */
    @Test
    void p7_cancelInterruptsABigTrialDivisionWithin50Milliseconds() throws Exception {
        // The interrupt is sent by cancel() itself; on a loaded machine the OS may still deschedule the
        // carrier for a while, so take the best of three attempts (an uninterrupted call takes seconds).
        List<Duration> latencies = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            Duration latency = cancelBigTrialDivision();
            latencies.add(latency);
            if (latency.compareTo(Duration.ofMillis(50)) < 0) {
                break;
            }
        }
        assertThat(latencies).allSatisfy(l -> assertThat(l).isLessThan(Duration.ofSeconds(1)));
        assertThat(latencies).anySatisfy(l -> assertThat(l).isLessThan(Duration.ofMillis(50)));
    }

    private Duration cancelBigTrialDivision() throws Exception {
        AtomicLong lastInterruptNanos = new AtomicLong();
        KernelProbe probe = KernelProbe.wrapping(n -> { // isPrime(long) only: no helper tasks
            try {
                return PrimalityTest.trialDivision().isPrime(n);
            } catch (CancellationException e) {
                lastInterruptNanos.set(System.nanoTime());
                throw e;
            }
        });
        LoomPrimeChecker checker = checker(options(2, probe));
        // never completes, so cancel must reach it
        UpstreamProbe upstream = UpstreamProbe.of(BIG_PRIME, BIG_PRIME_2, BIG_PRIME_3).thenStayOpen();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(3, 0);
        checker.check(upstream).subscribe(s);
        await().atMost(HANG_GUARD).until(() -> probe.started() == 2);

        long cancelled = System.nanoTime();
        s.cancel();

        await().atMost(HANG_GUARD).until(() -> probe.interrupted() == 2);
        Duration latency = Duration.ofNanos(lastInterruptNanos.get() - cancelled);
        await().atMost(HANG_GUARD).until(upstream::cancelled);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        assertThat(probe.started()).isEqualTo(2); // the third number never started
        assertThat(s.received()).isZero();
        assertThat(s.isTerminated()).isFalse();
        assertClean(s);
        checker.close();
        return latency;
    }

    /** Kit gap: the kit cancels from its event loop, never from inside {@code onNext}. */
    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p7_cancelFromOnNextStopsTheStreamAndTheUpstream(Ordering ordering) throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).ordering(ordering));
        UpstreamProbe upstream = UpstreamProbe.range(0, 1_000_000_000L);
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<PrimeResult>(10, 1).cancelAfter(1_000);
        checker.check(upstream).subscribe(s);

        await().atMost(HANG_GUARD).until(upstream::cancelled);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        long calls = probe.started();
        assertThat(s.received()).isEqualTo(1_000);
        // demand at cancel: 10 + 999; P5 allows prefetch more kernel calls
        assertThat(calls).isLessThanOrEqualTo(1_009 + checker.options().prefetch());
        assertThat(upstream.requested()).isLessThanOrEqualTo(
                1_000 + checker.options().maxInFlight() + checker.options().prefetch());
        assertThat(s.isTerminated()).isFalse();
        assertClean(s);
    }

    // ---- P9 across subscriptions, the checker's own threads, batching ----

    /** Kit gap: the kit's P9 rules use one subscription; the bound is the checker's, across all of them. */
    @Test
    void p9_atMostParallelismKernelCallsAcrossSubscriptionsAndAtLeastTwo() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        LoomPrimeChecker checker = checker(options(3, probe));
        List<RecordingSubscriber<PrimeResult>> subscribers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
            subscribers.add(s);
            checker.checkRange(i * 100, i * 100 + 50).subscribe(s);
        }
        await().atMost(HANG_GUARD).until(() -> probe.inFlight() == 3);
        await().during(Duration.ofMillis(200)).atMost(HANG_GUARD).until(() -> probe.inFlight() == 3);
        probe.release();
        for (RecordingSubscriber<PrimeResult> s : subscribers) {
            s.awaitTermination(HANG_GUARD);
            assertThat(s.received()).isEqualTo(50);
            assertClean(s);
        }
        assertThat(probe.peakInFlight()).isEqualTo(3);
    }

    @Test
    void p11_kernelCallsRunOnTheCheckersVirtualThreadsOnly() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 1);
        checker.checkRange(0, 2_000).subscribe(s); // request(1) inside onSubscribe and onNext
        s.awaitTermination(HANG_GUARD);
        assertThat(checker.checkNow(97).prime()).isTrue();

        assertThat(probe.threads()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isVirtual()).isTrue();
            assertThat(t.getName()).startsWith("primeflow-loom-kernel-");
        });
        assertThat(probe.threads()).doesNotContain(Thread.currentThread());
        assertThat(s.signalThreads()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isVirtual()).isTrue();
            assertThat(t.getName()).startsWith("primeflow-loom-delivery-");
        });
        assertClean(s);
    }

    @Test
    void adaptiveBatchingGroupsCheapChecksOnFewThreads() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).maxInFlight(4096).prefetch(4096));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.checkRange(1L << 40, (1L << 40) + 50_000).subscribe(s);
        s.awaitTermination(HANG_GUARD);
        assertThat(s.received()).isEqualTo(50_000);
        assertThat(probe.threads()).hasSizeLessThan(50_000 / 10);
    }

    @Test
    void fixedBatchSizeIsHonoured() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).batchSize(1));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.checkRange(0, 300).subscribe(s);
        s.awaitTermination(HANG_GUARD);
        assertThat(probe.threads()).hasSize(300);
    }

    // ---- P13 close, beyond the kit ----

    /**
     * The kit checks close() on the {@code Flow} surface (P13); this is the blocking surface, and a publisher made
     * before close() and subscribed after it (kit gap: P13 checks calls made after close()).
     */
    @Test
    void p13_afterCloseTheBlockingSurfaceFailsAndAPublisherMadeBeforeFails() {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        Flow.Publisher<PrimeResult> later = checker.check(3, 5);
        checker.close();

        assertThatThrownBy(() -> checker.checkNow(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.stream(0, 3)).isInstanceOf(IllegalStateException.class);
        RecordingSubscriber<PrimeResult> late = RecordingSubscriber.unbounded();
        later.subscribe(late);
        assertThat(late.isTerminated()).isTrue();
        assertThat(late.errors()).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(late.received()).isZero();
    }

    /** Kit gap: the kit never closes a checker from inside {@code onNext}. */
    @Test
    void p13_closeFromInsideOnNextDoesNotDeadlock() throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 0) {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                checker.close();
            }
        };
        checker.checkRange(0, 1_000).subscribe(s);
        s.awaitTermination(HANG_GUARD);
        assertThat(s.errors()).singleElement().isInstanceOf(PrimeCheckException.class);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
    }

    // ---- blocking surface ----

    @Test
    void checkNowAndCheckAllGiveTrueVerdictsInInputOrder() throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.trialDivision())
                .ordering(Ordering.COMPLETION_ORDER));
        assertThat(checker.checkNow(9_999_999_999_999_917L).prime()).isTrue();
        assertThat(checker.checkNow(9_999_999_999_999_999L).prime()).isFalse();
        long[] input = {97, 1, 100, 7919, 7920, 2, -5, 97};
        List<PrimeResult> all = checker.checkAll(input);
        assertThat(all).extracting(PrimeResult::number).containsExactly(97L, 1L, 100L, 7919L, 7920L, 2L, -5L, 97L);
        assertTrueVerdicts(all);
        assertThat(checker.checkAll()).isEmpty();
    }

    @Test
    void checkNowIsInterruptibleAndInterruptsItsKernelCall() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
        LoomPrimeChecker checker = checker(options(2, probe));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                checker.checkNow(BIG_PRIME);
                outcome.set(new AssertionError("no interrupt"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        await().atMost(HANG_GUARD).until(() -> probe.started() == 1);
        caller.interrupt();
        caller.join(HANG_GUARD.toMillis());
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        await().atMost(HANG_GUARD).until(() -> probe.interrupted() == 1);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
    }

    @Test
    void checkNowReportsKernelFailures() {
        LoomPrimeChecker checker = checker(options(2,
                KernelProbe.failing(PrimalityTest.millerRabin(), n -> n == 42)));
        assertThatThrownBy(() -> checker.checkNow(42)).isInstanceOf(PrimeCheckException.class)
                .hasMessageStartingWith("loom: the primality test failed for 42");
    }

    @Test
    void streamCountsThePrimesBelowOneHundredThousand() {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        try (Stream<PrimeResult> results = checker.stream(0, 100_000)) {
            assertThat(results.filter(PrimeResult::prime).count()).isEqualTo(9_592);
        }
    }

    @Test
    void streamIsDrivenByTheConsumerAndClosingItCancelsTheWork() {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).prefetch(4).maxInFlight(64));
        Stream<PrimeResult> results = checker.stream(0, 1_000_000_000L);
        assertThat(probe.started()).isZero(); // lazy: nothing before the first element is asked for

        var it = results.iterator();
        for (int i = 0; i < 10; i++) {
            assertThat(it.next().number()).isEqualTo(i);
        }
        // demand outstanding <= window (4) and run-ahead <= demand + prefetch
        await().during(Duration.ofMillis(200)).atMost(HANG_GUARD).until(() -> probe.started() <= 10 + 4 + 4);
        results.close();
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        long calls = probe.started();
        assertThat(calls).isLessThanOrEqualTo(18);
        assertThatThrownBy(it::next).isInstanceOf(PrimeCheckException.class).hasMessageContaining("closed");
    }

    @Test
    void closingAStreamInterruptsTheKernelInFlight() {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
        LoomPrimeChecker checker = checker(options(2, probe));
        Stream<PrimeResult> results = checker.stream(BIG_PRIME, BIG_PRIME + 1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                results.findFirst();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        await().atMost(HANG_GUARD).until(() -> probe.started() == 1);
        results.close();
        await().atMost(HANG_GUARD).until(() -> probe.interrupted() == 1 && !consumer.isAlive());
        assertThat(outcome.get()).isInstanceOf(PrimeCheckException.class).hasMessageContaining("closed");
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
    }

    @Test
    void optionsValidationAndToString() {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        assertThatThrownBy(() -> checker.stream(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> checker.check((Flow.Publisher<Long>) null)).isInstanceOf(NullPointerException.class);
        assertThat(checker.toString()).contains("LoomPrimeChecker").contains("parallelism=2");
    }

    /** Kit gap: a kernel that throws CancellationException unasked is a failure, not a silent cancel. */
    @Test
    void cancellationExceptionFromKernelWithoutCancelIsAFailure() throws Exception {
        LoomPrimeChecker checker = checker(options(2, n -> {
            throw new CancellationException("kernel gave up on " + n);
        }));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(9).subscribe(s);
        s.awaitTermination(HANG_GUARD);
        assertThat(s.errors()).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(s.errors().get(0)).hasMessageContaining("failed for 9");
    }
}
