package io.github.primeflow.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
        return s.items.stream().map(PrimeResult::number).toList();
    }

    private static void assertTrueVerdicts(Iterable<PrimeResult> results) {
        for (PrimeResult r : results) {
            assertThat(r.prime()).as("verdict for %d", r.number())
                    .isEqualTo(r.number() > 1 && BigInteger.valueOf(r.number()).isProbablePrime(64));
        }
    }

    private static void assertClean(RecordingSubscriber<?> s) {
        assertThat(s.violations).isEmpty();
    }

    // ---- P1, P2, P3 ----

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p1_seedVerdictsWithTrialDivisionMatchBigInteger(Ordering ordering) throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.trialDivision()).ordering(ordering));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(SeedNumbers.toArray()).subscribe(s);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).isEmpty();
        assertThat(s.completions).hasValue(1);
        assertClean(s);
        assertThat(numbers(s)).containsExactlyInAnyOrderElementsOf(SeedNumbers.list());
        if (ordering == Ordering.INPUT_ORDER) {
            assertThat(numbers(s)).containsExactlyElementsOf(SeedNumbers.list());
        }
        assertTrueVerdicts(s.items);
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p2_oneResultPerNumberForManyMillerRabinNumbers(Ordering ordering) throws Exception {
        long[] input = new SplittableRandom(42).longs(5_000, -10, Long.MAX_VALUE).toArray();
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).ordering(ordering));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(7, 1);
        checker.check(input).subscribe(s);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).isEmpty();
        assertClean(s);
        assertThat(probe.started).hasValue(input.length);
        List<Long> expected = LongStream.of(input).boxed().toList();
        if (ordering == Ordering.INPUT_ORDER) {
            assertThat(numbers(s)).containsExactlyElementsOf(expected);
        } else {
            assertThat(numbers(s)).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertTrueVerdicts(s.items);
    }

    @Test
    void p3_inputOrderHoldsBackResultsBehindASlowNumber() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        probe.hold(11);
        LoomPrimeChecker checker = checker(options(2, probe).ordering(Ordering.INPUT_ORDER));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(11, 12, 13, 14).subscribe(s);

        await().atMost(HANG_GUARD).until(() -> probe.finished.get() == 3);
        assertThat(s.items).isEmpty(); // 12..14 are done, but wait for 11
        probe.release(11);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(numbers(s)).containsExactly(11L, 12L, 13L, 14L);
        assertClean(s);
    }

    @Test
    void p3_completionOrderEmitsAsSoonAsAResultIsReady() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        probe.hold(11);
        LoomPrimeChecker checker = checker(options(2, probe).ordering(Ordering.COMPLETION_ORDER));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(11, 12, 13, 14).subscribe(s);

        await().atMost(HANG_GUARD).until(() -> s.received.get() == 3);
        assertThat(numbers(s)).containsExactlyInAnyOrder(12L, 13L, 14L);
        probe.release(11);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(numbers(s)).last().isEqualTo(11L);
        assertClean(s);
    }

    // ---- P4, P5, P6, §3.9, §3.3 ----

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p4_p5_neverMoreThanRequestedAndKernelRunsAtMostPrefetchAhead(Ordering ordering) throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).ordering(ordering).prefetch(4).maxInFlight(16));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        List<String> p5 = new CopyOnWriteArrayList<>();
        probe.onStart = n -> {
            // kernel calls started - delivered <= outstanding demand + prefetch  <=>  started <= requested + prefetch
            long started = probe.started.get() + 1;
            long requested = s.totalRequested.get();
            if (requested != Long.MAX_VALUE && started > requested + 4) {
                p5.add("kernel call #" + started + " with only " + s.totalRequested.get() + " requested");
            }
        };
        checker.check(LongStreamPublisher.range(1, 1000)).subscribe(s);
        s.request(3);

        await().atMost(HANG_GUARD).until(() -> probe.started.get() == 7 && s.received.get() == 3);
        await().during(Duration.ofMillis(200)).atMost(HANG_GUARD)
                .until(() -> probe.started.get() == 7 && s.received.get() == 3);
        for (int i = 0; i < 50; i++) {
            s.request(1 + i % 5);
        }
        await().atMost(HANG_GUARD).until(() -> s.received.get() == s.totalRequested.get());
        s.request(Long.MAX_VALUE);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.received).hasValue(999);
        assertThat(p5).isEmpty();
        assertClean(s);
    }

    @Test
    void p6_upstreamDemandStaysWithinMaxInFlightOfDelivered() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).prefetch(4).maxInFlight(32));
        ProbePublisher upstream = new ProbePublisher(LongStreamPublisher.range(0, 5_000));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 1);
        List<String> p6 = new CopyOnWriteArrayList<>();
        upstream.onRequest = total -> {
            if (total - s.received.get() > 32 + 4) {
                p6.add("requested " + total + " with " + s.received.get() + " delivered");
            }
        };
        checker.check(upstream).subscribe(s);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.received).hasValue(5_000);
        assertThat(p6).isEmpty();
        assertThat(upstream.requested.get()).isGreaterThanOrEqualTo(5_000);
        assertClean(s);
    }

    @Test
    void p6_slowSubscriberDoesNotDrainTheUpstream() throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()).maxInFlight(64));
        ProbePublisher upstream = new ProbePublisher(LongStreamPublisher.range(0, 1_000_000_000L));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 0);
        checker.check(upstream).subscribe(s);

        await().atMost(HANG_GUARD).until(() -> s.received.get() == 1 && upstream.requested.get() > 0);
        await().during(Duration.ofMillis(200)).atMost(HANG_GUARD).until(() -> upstream.requested.get() <= 64);
        s.subscription.cancel();
        await().atMost(HANG_GUARD).untilTrue(upstream.cancelled);
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void rule3_9_nonPositiveRequestEndsWithIllegalArgumentException(Ordering ordering) throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()).ordering(ordering));
        ProbePublisher upstream = new ProbePublisher(LongStreamPublisher.range(0, 1_000_000));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(5, 0);
        checker.check(upstream).subscribe(s);
        await().atMost(HANG_GUARD).until(() -> s.received.get() == 5);
        s.subscription.request(0);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(s.errors.get(0)).hasMessageContaining("3.9");
        await().atMost(HANG_GUARD).untilTrue(upstream.cancelled);
        assertClean(s);
    }

    @Test
    void rule3_3_requestFromOnNextWithASynchronousUpstreamDoesNotRecurse() throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 1);
        checker.checkRange(0, 20_000).subscribe(s);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.received).hasValue(20_000);
        assertThat(s.maxStackDepth.get()).isLessThan(100);
        assertClean(s);
    }

    // ---- P7 cancellation ----

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
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        LoomPrimeChecker checker = checker(options(2, probe));
        ManualPublisher upstream = new ManualPublisher(); // never completes, so cancel must reach it
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(3, 0);
        checker.check(upstream).subscribe(s);
        await().atMost(HANG_GUARD).until(() -> upstream.requested.get() >= 3);
        upstream.emit(BIG_PRIME);
        upstream.emit(BIG_PRIME_2);
        upstream.emit(BIG_PRIME_3);
        await().atMost(HANG_GUARD).until(() -> probe.started.get() == 2);

        long cancelled = System.nanoTime();
        s.subscription.cancel();

        await().atMost(HANG_GUARD).until(() -> probe.interrupted.get() == 2);
        Duration latency = Duration.ofNanos(probe.lastInterruptNanos.get() - cancelled);
        await().atMost(HANG_GUARD).untilTrue(upstream.cancelled);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        assertThat(probe.started).hasValue(2); // the third number never started
        assertThat(s.items).isEmpty();
        assertThat(s.errors).isEmpty();
        assertThat(s.completions).hasValue(0);
        assertClean(s);
        checker.close();
        return latency;
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p7_cancelFromOnNextStopsTheStreamAndTheUpstream(Ordering ordering) throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).ordering(ordering));
        ProbePublisher upstream = new ProbePublisher(LongStreamPublisher.range(0, 1_000_000_000L));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(10, 1);
        s.cancelAfter = 1_000;
        checker.check(upstream).subscribe(s);

        await().atMost(HANG_GUARD).untilTrue(upstream.cancelled);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        int calls = probe.started.get();
        assertThat(s.received).hasValue(1_000);
        // demand at cancel: 10 + 999; P5 allows prefetch more kernel calls
        assertThat(calls).isLessThanOrEqualTo(1_009 + checker.options().prefetch());
        assertThat(upstream.requested.get()).isLessThanOrEqualTo(
                1_000 + checker.options().maxInFlight() + checker.options().prefetch());
        assertThat(s.isTerminated()).isFalse();
        assertClean(s);
    }

    // ---- P8 errors ----

    @Test
    void p8_upstreamErrorEndsWithOnePrimeCheckExceptionNamingTheCause() throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(upstream).subscribe(s);
        assertThat(upstream.subscribed.await(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(HANG_GUARD).until(() -> upstream.requested.get() > 0);
        upstream.emit(7L);
        await().atMost(HANG_GUARD).until(() -> s.received.get() == 1);
        IllegalStateException boom = new IllegalStateException("boom");
        upstream.subscriber.onError(boom);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(s.errors.get(0)).hasCause(boom).hasMessageContaining("loom").hasMessageContaining("boom");
        assertClean(s);
    }

    @Test
    void p8_nullNumberEndsWithPrimeCheckExceptionAndCancelsUpstream() throws Exception {
        LoomPrimeChecker checker = checker(options(2, PrimalityTest.millerRabin()));
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(upstream).subscribe(s);
        assertThat(upstream.subscribed.await(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(HANG_GUARD).until(() -> upstream.requested.get() > 0);
        upstream.emit(5L);
        upstream.emit(null);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(s.errors.get(0)).hasMessageContaining("null").hasMessageContaining("#2");
        await().atMost(HANG_GUARD).untilTrue(upstream.cancelled);
        assertClean(s);
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p8_kernelFailureEndsWithPrimeCheckExceptionNamingTheNumber(Ordering ordering) throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        probe.failOn = 42;
        LoomPrimeChecker checker = checker(options(2, probe).ordering(ordering));
        ProbePublisher upstream = new ProbePublisher(LongStreamPublisher.range(0, 1_000_000_000L));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 1);
        checker.check(upstream).subscribe(s);

        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(s.errors.get(0))
                .hasMessageStartingWith("loom: the primality test failed for 42: ")
                .hasCauseInstanceOf(ArithmeticException.class);
        await().atMost(HANG_GUARD).untilTrue(upstream.cancelled);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        assertClean(s);
    }

    // ---- P9, P11 ----

    @Test
    void p9_atMostParallelismKernelCallsAcrossSubscriptionsAndAtLeastTwo() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        probe.holdAll = true;
        LoomPrimeChecker checker = checker(options(3, probe));
        List<RecordingSubscriber<PrimeResult>> subscribers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
            subscribers.add(s);
            checker.checkRange(i * 100, i * 100 + 50).subscribe(s);
        }
        await().atMost(HANG_GUARD).until(() -> probe.running.get() == 3);
        await().during(Duration.ofMillis(200)).atMost(HANG_GUARD).until(() -> probe.running.get() == 3);
        probe.releaseAll.countDown();
        for (RecordingSubscriber<PrimeResult> s : subscribers) {
            assertThat(s.awaitTermination()).isTrue();
            assertThat(s.received).hasValue(50);
            assertClean(s);
        }
        assertThat(probe.maxRunning).hasValue(3);
    }

    @Test
    void p11_kernelCallsRunOnTheCheckersVirtualThreadsOnly() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe));
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 1);
        checker.checkRange(0, 2_000).subscribe(s); // request(1) inside onSubscribe and onNext
        assertThat(s.awaitTermination()).isTrue();
        assertThat(checker.checkNow(97).prime()).isTrue();

        assertThat(probe.threads).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isVirtual()).isTrue();
            assertThat(t.getName()).startsWith("primeflow-loom-kernel-");
        });
        assertThat(probe.threads).doesNotContain(Thread.currentThread());
        assertThat(s.signalThreads).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isVirtual()).isTrue();
            assertThat(t.getName()).startsWith("primeflow-loom-delivery-");
        });
        assertClean(s);
    }

    @Test
    void adaptiveBatchingGroupsCheapChecksOnFewThreads() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).maxInFlight(4096).prefetch(4096));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.checkRange(1L << 40, (1L << 40) + 50_000).subscribe(s);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.received).hasValue(50_000);
        assertThat(probe.threads).hasSizeLessThan(50_000 / 10);
    }

    @Test
    void fixedBatchSizeIsHonoured() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).batchSize(1));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.checkRange(0, 300).subscribe(s);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(probe.threads).hasSize(300);
    }

    // ---- P13 close ----

    @Test
    void p13_closeEndsInFlightSubscriptionsInterruptsAndJoinsAndIsFinal() throws Exception {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        LoomPrimeChecker checker = checker(options(2, probe));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        Flow.Publisher<PrimeResult> later = checker.check(3, 5);
        checker.check(BIG_PRIME, BIG_PRIME_2).subscribe(s);
        await().atMost(HANG_GUARD).until(() -> probe.started.get() == 2);

        long start = System.nanoTime();
        checker.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        assertThat(checker.liveThreads()).isZero();
        assertThat(probe.interrupted).hasValue(2);
        assertThat(s.isTerminated()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(s.errors.get(0)).hasMessageContaining("closed");
        assertClean(s);

        checker.close(); // idempotent
        assertThatThrownBy(() -> checker.check(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.checkNow(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.stream(0, 3)).isInstanceOf(IllegalStateException.class);
        RecordingSubscriber<PrimeResult> late = RecordingSubscriber.unbounded();
        later.subscribe(late);
        assertThat(late.isTerminated()).isTrue();
        assertThat(late.errors).singleElement().isInstanceOf(PrimeCheckException.class);
    }

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
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(PrimeCheckException.class);
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
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
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
        await().atMost(HANG_GUARD).until(() -> probe.started.get() == 1);
        caller.interrupt();
        caller.join(HANG_GUARD.toMillis());
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        await().atMost(HANG_GUARD).until(() -> probe.interrupted.get() == 1);
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
    }

    @Test
    void checkNowReportsKernelFailures() {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        probe.failOn = 42;
        LoomPrimeChecker checker = checker(options(2, probe));
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
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        LoomPrimeChecker checker = checker(options(2, probe).prefetch(4).maxInFlight(64));
        Stream<PrimeResult> results = checker.stream(0, 1_000_000_000L);
        assertThat(probe.started).hasValue(0); // lazy: nothing before the first element is asked for

        var it = results.iterator();
        for (int i = 0; i < 10; i++) {
            assertThat(it.next().number()).isEqualTo(i);
        }
        // demand outstanding <= window (4) and run-ahead <= demand + prefetch
        await().during(Duration.ofMillis(200)).atMost(HANG_GUARD).until(() -> probe.started.get() <= 10 + 4 + 4);
        results.close();
        await().atMost(HANG_GUARD).until(() -> checker.liveThreads() == 0);
        int calls = probe.started.get();
        assertThat(calls).isLessThanOrEqualTo(18);
        assertThatThrownBy(it::next).isInstanceOf(PrimeCheckException.class).hasMessageContaining("closed");
    }

    @Test
    void closingAStreamInterruptsTheKernelInFlight() {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
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
        await().atMost(HANG_GUARD).until(() -> probe.started.get() == 1);
        results.close();
        await().atMost(HANG_GUARD).until(() -> probe.interrupted.get() == 1 && !consumer.isAlive());
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

    @Test
    void cancellationExceptionFromKernelWithoutCancelIsAFailure() throws Exception {
        LoomPrimeChecker checker = checker(options(2, n -> {
            throw new CancellationException("kernel gave up on " + n);
        }));
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(9).subscribe(s);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement().isInstanceOf(PrimeCheckException.class);
        assertThat(s.errors.get(0)).hasMessageContaining("failed for 9");
    }
}
