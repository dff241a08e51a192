package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.KernelProbe;
import io.github.primeflow.tck.RecordingSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * What the kit cannot see of cancel and close on this backend: how fast a cancel reaches the CPU, cancel from
 * inside {@code onNext} and from the reactive surface, close with a user's scheduler, and errors that Reactor would
 * drop ({@code Hooks.onErrorDropped}). The rules themselves (P7, P8, P13) are the kit's ({@link ReactorTckTest}).
 */
class CancelAndCloseTest {

    /** A 19-digit prime: about 5 s of trial division when nothing interrupts it. */
    static final long BIG_PRIME = 9_223_372_036_854_775_783L;

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();
    private ReactorPrimeChecker checker;

    @BeforeEach
    void recordDroppedErrors() {
        Hooks.onErrorDropped(dropped::add);
    }

    @AfterEach
    void closeAndCheckNothingWasDropped() {
        if (checker != null) {
            checker.close();
        }
        Hooks.resetOnErrorDropped();
        assertThat(dropped).as("errors lost to Hooks.onErrorDropped").isEmpty();
    }

    private static CheckerOptions options(PrimalityTest test) {
        return CheckerOptions.builder().parallelism(2).primalityTest(test).build();
    }

    /**
     * Cancels two in-flight 5-second trial divisions and measures how long they keep running. Each attempt must
     * end both kernel calls by interrupt well before they could finish; the best of three attempts must stop
     * within 50 ms (one attempt alone can be delayed by a loaded machine's scheduler). The kit checks that the
     * interrupt comes (P7), not how soon.
     */
    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p7_cancelInterruptsABigTrialDivisionWithin50ms(Ordering ordering) throws InterruptedException {
        AtomicLong lastExitNanos = new AtomicLong();
        KernelProbe probe = KernelProbe.wrapping(n -> {
            try {
                return PrimalityTest.trialDivision().isPrime(n);
            } finally {
                lastExitNanos.set(System.nanoTime());
            }
        });
        checker = ReactorPrimeChecker.create(
                CheckerOptions.builder().parallelism(2).ordering(ordering).primalityTest(probe).build());
        List<Duration> stopTimes = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            long before = probe.started();
            RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
            checker.check(BIG_PRIME, BIG_PRIME, BIG_PRIME, BIG_PRIME).subscribe(s);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.started() == before + 2);

            long cancelledAt = System.nanoTime();
            s.cancel();
            await().atMost(Duration.ofSeconds(2)).until(() -> probe.finished() == before + 2);
            stopTimes.add(Duration.ofNanos(lastExitNanos.get() - cancelledAt));

            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                    .until(() -> probe.started() == before + 2); // no kernel call starts after cancel()
            assertThat(s.received()).isZero();
            assertThat(s.isTerminated()).isFalse();
        }
        assertThat(probe.interrupted()).as("kernel calls ended by an interrupt").isEqualTo(6);
        assertThat(stopTimes).as("time from cancel() to the end of both kernel calls, per attempt")
                .anySatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(50)));
    }

    /** Kit gap: the kit cancels from its event loop, never from inside an {@code onNext} on a CPU thread. */
    @Test
    void p7_cancelFromInsideAnOnNextOnACpuThreadInterruptsTheOtherWorkerAtOnce() throws InterruptedException {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2)
                .ordering(Ordering.COMPLETION_ORDER).primalityTest(probe).build());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(Long.MAX_VALUE, 0) {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                try { // still inside onNext, on the CPU thread that checked 97: the drain loop is busy here
                    await().atMost(Duration.ofSeconds(10)).until(() -> probe.started() == 2);
                    cancel();
                    await().atMost(Duration.ofSeconds(2)).until(() -> probe.finished() == 2);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }
        };
        checker.check(97, BIG_PRIME).subscribe(s);
        assertThat(done.await(30, TimeUnit.SECONDS)).as("onNext ran within the hang guard").isTrue();

        assertThat(failures).isEmpty();
        assertThat(s.items()).extracting(PrimeResult::number).containsExactly(97L);
        assertThat(probe.interrupted()).as("the other worker's kernel call ended by an interrupt").isEqualTo(1);
    }

    @Test
    void p7_disposingTheMonoOfTheReactiveSurfaceInterruptsTheKernel() {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
        checker = ReactorPrimeChecker.create(options(probe));
        Disposable subscription = checker.reactive().check(BIG_PRIME).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.started() == 1);

        subscription.dispose();
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.finished() == 1);
        assertThat(probe.interrupted()).isEqualTo(1);
    }

    /**
     * The reactive surface fails after close(), and a publisher assembled before close() fails when subscribed
     * after it (kit gap: P13 only checks calls made after close()).
     */
    @Test
    void p13_afterCloseTheReactiveSurfaceThrowsAndAPublisherAssembledBeforeFails() throws InterruptedException {
        checker = ReactorPrimeChecker.create(options(PrimalityTest.millerRabin()));
        Flow.Publisher<PrimeResult> assembledBeforeClose = checker.check(3, 5);
        checker.close();

        assertThatThrownBy(() -> checker.reactive().check(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.reactive().checkRange(1, 9)).isInstanceOf(IllegalStateException.class);
        RecordingSubscriber<PrimeResult> late = RecordingSubscriber.unbounded();
        assembledBeforeClose.subscribe(late);
        late.awaitTermination(Duration.ofSeconds(30));
        assertThat(late.errors()).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class);
        assertThat(late.received()).isZero();
    }

    /**
     * close() lets an {@code onNext} in flight return before it stops the threads: disposing Reactor's scheduler
     * interrupts whatever runs on it, and a subscriber must never see an interrupt it did not cause.
     */
    @Test
    void p13_closeNeverInterruptsAnOnNextInFlight() throws InterruptedException {
        checker = ReactorPrimeChecker.create(options(PrimalityTest.millerRabin()));
        CountDownLatch inOnNext = new CountDownLatch(1);
        AtomicLong onNextEnded = new AtomicLong();
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 0) {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                inOnNext.countDown();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200); // a slow subscriber
                while (System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
                }
                interrupted.add(Thread.currentThread().isInterrupted());
                onNextEnded.set(System.nanoTime());
            }
        };
        checker.check(97).subscribe(s);
        assertThat(inOnNext.await(30, TimeUnit.SECONDS)).isTrue();

        checker.close();
        long closeReturned = System.nanoTime();

        assertThat(interrupted).as("the onNext in flight saw no interrupt").containsExactly(false);
        assertThat(onNextEnded.get()).as("onNext ended before close() returned").isNotZero()
                .isLessThanOrEqualTo(closeReturned);
    }

    /** close() called inside onNext on a CPU thread cannot wait for that onNext: it returns, flag clear. */
    @Test
    void p13_closeFromInsideAnOnNextReturnsWithTheInterruptFlagClear() throws InterruptedException {
        checker = ReactorPrimeChecker.create(options(PrimalityTest.millerRabin()));
        CountDownLatch done = new CountDownLatch(1);
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 0) {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                checker.close();
                interrupted.add(Thread.currentThread().isInterrupted());
                done.countDown();
            }
        };
        long start = System.nanoTime();
        checker.check(97, 101).subscribe(s);
        assertThat(done.await(30, TimeUnit.SECONDS)).as("close() inside onNext returned").isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close() did not wait for itself")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted).containsExactly(false);
        s.awaitTermination(Duration.ofSeconds(30));
        assertThat(s.errors()).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class);
    }

    @Test
    void p13_closeEndsWorkOnAUserSchedulerButLeavesTheSchedulerRunning() throws InterruptedException {
        Scheduler user = Schedulers.newParallel("user-cpu", 2, true);
        try {
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
            checker = ReactorPrimeChecker.create(options(probe), user);
            RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
            checker.check(BIG_PRIME).subscribe(s);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.started() == 1);

            checker.close();
            s.awaitTermination(Duration.ofSeconds(30));
            assertThat(s.errors()).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class);
            await().atMost(Duration.ofSeconds(2)).until(() -> probe.finished() == 1);
            assertThat(probe.interrupted()).isEqualTo(1);
            assertThat(probe.threads()).isNotEmpty().extracting(Thread::getName)
                    .allSatisfy(t -> assertThat(t).startsWith("user-cpu-"));
            assertThat(user.isDisposed()).isFalse();
            StepVerifier.create(reactor.core.publisher.Mono.just(1).publishOn(user))
                    .expectNext(1).expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            user.dispose();
        }
    }

    @Test
    void p8_concurrentKernelFailuresEndTheStreamOnceAndDropNothing() {
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2).ordering(Ordering.COMPLETION_ORDER)
                .primalityTest(n -> {
                    throw new ArithmeticException("bad " + n);
                }).build());
        StepVerifier.create(checker.reactive().checkRange(0, 1_000))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PrimeCheckException.class)
                        .hasMessageStartingWith("reactor: the primality test failed for ")
                        .hasCauseInstanceOf(ArithmeticException.class))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void p8_anUpstreamErrorAfterTheStreamFailedIsNotReportedAsDropped() {
        KernelProbe probe = KernelProbe.failing(PrimalityTest.millerRabin(), n -> true);
        checker = ReactorPrimeChecker.create(options(probe));
        reactor.core.publisher.Sinks.Many<Long> numbers = reactor.core.publisher.Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(checker.reactive().check(numbers.asFlux()))
                .then(() -> numbers.tryEmitNext(4L))
                .expectError(PrimeCheckException.class)
                .verify(Duration.ofSeconds(10));
        numbers.tryEmitError(new IllegalStateException("late")); // the upstream was cancelled: nothing to report
        assertThat(probe.started()).isEqualTo(1);
    }

    @Test
    void aSchedulerDisposedUnderTheCheckerEndsNewSubscriptionsWithAnError() {
        Scheduler user = Schedulers.newParallel("user-cpu", 2, true);
        checker = ReactorPrimeChecker.create(options(PrimalityTest.millerRabin()), user);
        user.dispose();
        StepVerifier.create(checker.reactive().checkRange(0, 10))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PrimeCheckException.class)
                        .hasMessageContaining("rejected"))
                .verify(Duration.ofSeconds(10));
    }
}
