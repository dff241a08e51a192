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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
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

/** Cancellation that reaches the CPU (P7), close (P13), and errors that are never dropped (P8). */
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
     * end both kernel calls with {@link CancellationException} well before they could finish; the best of three
     * attempts must stop within 50 ms (one attempt alone can be delayed by a loaded machine's scheduler).
     */
    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p7_cancelInterruptsABigTrialDivisionWithin50ms(Ordering ordering) {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        checker = ReactorPrimeChecker.create(
                CheckerOptions.builder().parallelism(2).ordering(ordering).primalityTest(probe).build());
        List<Duration> stopTimes = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            int before = probe.calls.get();
            FlowRecorder<PrimeResult> s = new FlowRecorder<>(Long.MAX_VALUE);
            checker.check(BIG_PRIME, BIG_PRIME, BIG_PRIME, BIG_PRIME).subscribe(s);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() == before + 2);

            long cancelledAt = System.nanoTime();
            s.subscription.cancel();
            await().atMost(Duration.ofSeconds(2)).until(() -> probe.exits.get() == before + 2);
            stopTimes.add(Duration.ofNanos(probe.lastExitNanos.get() - cancelledAt));

            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                    .until(() -> probe.calls.get() == before + 2); // no kernel call starts after cancel()
            assertThat(s.items).isEmpty();
            assertThat(s.errors).isEmpty();
            assertThat(s.completions.get()).isZero();
        }
        assertThat(probe.thrown).hasSize(6).allSatisfy(e -> assertThat(e).isInstanceOf(CancellationException.class));
        assertThat(stopTimes).as("time from cancel() to the end of both kernel calls, per attempt")
                .anySatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(50)));
    }

    @Test
    void p7_cancelFromInsideAnOnNextOnACpuThreadInterruptsTheOtherWorkerAtOnce() throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2)
                .ordering(Ordering.COMPLETION_ORDER).primalityTest(probe).build());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        FlowRecorder<PrimeResult> s = new FlowRecorder<>(Long.MAX_VALUE) {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                try { // still inside onNext, on the CPU thread that checked 97: the drain loop is busy here
                    await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() == 2);
                    subscription.cancel();
                    await().atMost(Duration.ofSeconds(2)).until(() -> probe.exits.get() == 2);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    terminated.countDown();
                }
            }
        };
        checker.check(97, BIG_PRIME).subscribe(s);
        s.awaitTermination();

        assertThat(failures).isEmpty();
        assertThat(s.items).extracting(PrimeResult::number).containsExactly(97L);
        assertThat(probe.thrown).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void p7_disposingTheMonoOfTheReactiveSurfaceInterruptsTheKernel() {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        checker = ReactorPrimeChecker.create(options(probe));
        Disposable subscription = checker.reactive().check(BIG_PRIME).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() == 1);

        subscription.dispose();
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.exits.get() == 1);
        assertThat(probe.thrown).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void p13_closeEndsInFlightWorkWithAnErrorInterruptsItAndReleasesEveryThread() throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        checker = ReactorPrimeChecker.create(options(probe));
        FlowRecorder<PrimeResult> s = new FlowRecorder<>(Long.MAX_VALUE);
        checker.check(BIG_PRIME, BIG_PRIME, BIG_PRIME).subscribe(s);
        Flow.Publisher<PrimeResult> assembledBeforeClose = checker.check(3, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() == 2);
        assertThat(cpuThreads()).isNotEmpty();

        checker.close();

        s.awaitTermination();
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                .hasMessage("reactor: the PrimeChecker was closed during the work");
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.exits.get() == 2);
        assertThat(probe.thrown).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(CancellationException.class));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cpuThreads()).isEmpty());

        assertThatThrownBy(() -> checker.check(7)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> checker.checkRange(1, 9)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.checkAsync(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.reactive().check(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.reactive().checkRange(1, 9)).isInstanceOf(IllegalStateException.class);

        FlowRecorder<PrimeResult> late = new FlowRecorder<>(Long.MAX_VALUE);
        assembledBeforeClose.subscribe(late);
        late.awaitTermination();
        assertThat(late.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class);

        checker.close(); // harmless
        assertThat(probe.calls.get()).isEqualTo(2);
    }

    @Test
    void p13_closeEndsWorkOnAUserSchedulerButLeavesTheSchedulerRunning() throws InterruptedException {
        Scheduler user = Schedulers.newParallel("user-cpu", 2, true);
        try {
            ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
            checker = ReactorPrimeChecker.create(options(probe), user);
            FlowRecorder<PrimeResult> s = new FlowRecorder<>(Long.MAX_VALUE);
            checker.check(BIG_PRIME).subscribe(s);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() == 1);

            checker.close();
            s.awaitTermination();
            assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class);
            await().atMost(Duration.ofSeconds(2)).until(() -> probe.exits.get() == 1);
            assertThat(probe.thrown).singleElement().isInstanceOf(CancellationException.class);
            assertThat(probe.threads).allSatisfy(t -> assertThat(t).startsWith("user-cpu-"));
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
        ProbeKernel probe = new ProbeKernel(n -> {
            throw new ArithmeticException("bad " + n);
        });
        checker = ReactorPrimeChecker.create(options(probe));
        reactor.core.publisher.Sinks.Many<Long> numbers = reactor.core.publisher.Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(checker.reactive().check(numbers.asFlux()))
                .then(() -> numbers.tryEmitNext(4L))
                .expectError(PrimeCheckException.class)
                .verify(Duration.ofSeconds(10));
        numbers.tryEmitError(new IllegalStateException("late")); // the upstream was cancelled: nothing to report
        assertThat(probe.calls.get()).isEqualTo(1);
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

    static List<Thread> cpuThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ReactorPrimeChecker.CPU_THREAD_PREFIX + "-"))
                .toList();
    }
}
