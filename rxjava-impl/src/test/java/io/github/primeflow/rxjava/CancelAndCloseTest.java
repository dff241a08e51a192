package io.github.primeflow.rxjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.KernelProbe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancel and close on the rx surface: a dispose reaches the CPU (how fast, which the kit does not measure), on the
 * checker's threads and on a user's scheduler, which close() leaves running; no error becomes undeliverable. The
 * rules of the {@code Flow} surface (P7, P13) are the kit's ({@link RxJavaTckTest}).
 */
@ExtendWith(UndeliverableErrors.class)
class CancelAndCloseTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** A prime that trial division needs about 5 s for when not interrupted. */
    private static final long BIG_PRIME = 9_223_372_036_854_775_783L;

    private static CheckerOptions.Builder options() {
        return CheckerOptions.builder().parallelism(2);
    }

    /** A trial-division probe whose single call records when it ended. */
    private static final class TimedKernel implements PrimalityTest {
        final KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision());
        final AtomicLong endedAt = new AtomicLong();

        @Override
        public boolean isPrime(long n) {
            try {
                return probe.isPrime(n);
            } finally {
                endedAt.set(System.nanoTime());
            }
        }
    }

    private static long disposeInterruptsWithinMillis(Scheduler scheduler) {
        TimedKernel kernel = new TimedKernel();
        try (RxJavaPrimeChecker checker = scheduler == null
                ? RxJavaPrimeChecker.create(options().primalityTest(kernel).build())
                : RxJavaPrimeChecker.create(options().primalityTest(kernel).build(), scheduler)) {
            TestObserver<PrimeResult> to = checker.rx().check(BIG_PRIME).test();
            await().atMost(WITHIN).until(() -> kernel.probe.started() == 1);
            long disposedAt = System.nanoTime();
            to.dispose();
            await().atMost(WITHIN).until(() -> kernel.probe.finished() == 1);
            assertThat(kernel.probe.interrupted()).as("the kernel call ended by an interrupt").isEqualTo(1);
            to.assertEmpty();
            return TimeUnit.NANOSECONDS.toMillis(kernel.endedAt.get() - disposedAt);
        }
    }

    @Test
    void disposeInterruptsABigTrialDivisionOnTheOwnedThreads() {
        long millis = disposeInterruptsWithinMillis(null);
        System.out.println("rxjava: dispose() -> kernel ended in " + millis + " ms (owned threads)");
        assertThat(millis).as("ms from dispose() to the kernel's end (uninterrupted: ~5000)").isLessThan(1_000);
    }

    @Test
    void disposeInterruptsABigTrialDivisionOnAUserScheduler() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            long millis = disposeInterruptsWithinMillis(Schedulers.from(executor, true));
            System.out.println("rxjava: dispose() -> kernel ended in " + millis + " ms (user scheduler)");
            assertThat(millis).isLessThan(1_000);
        } finally {
            executor.shutdownNow();
        }
    }

    /** The kit checks close() on the {@code Flow} surface (P13); this is the rx surface. */
    @Test
    void closeEndsAnRxStreamInFlightAndLaterRxCallsFail() {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options().primalityTest(probe).build());
        TestSubscriber<PrimeResult> ts = checker.rx().checkRange(2, 1_000).test();
        await().atMost(WITHIN).until(() -> probe.inFlight() == 2);
        checker.close();
        ts.awaitDone(WITHIN.toSeconds(), TimeUnit.SECONDS).assertError(PrimeCheckException.class)
                .assertError(e -> e.getMessage().contains("closed"));
        assertThat(probe.interrupted()).as("held calls interrupted by close()").isEqualTo(2);
        assertThatThrownBy(() -> checker.rx().check(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.rx().checkRange(2, 3)).isInstanceOf(IllegalStateException.class);
    }

    /** Kit gap: P13 checks calls made after close(), not a publisher made before it and subscribed after. */
    @Test
    void aPublisherSubscribedAfterCloseFails() {
        RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options().build());
        var results = checker.rx().checkRange(2, 10);
        checker.close();
        results.test().awaitDone(WITHIN.toSeconds(), TimeUnit.SECONDS).assertError(PrimeCheckException.class);
    }

    @Test
    void closeLeavesTheUsersSchedulerRunning() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Scheduler scheduler = Schedulers.from(executor, true);
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
            RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options().primalityTest(probe).build(),
                    scheduler);
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(2, 1_000).test();
            await().atMost(WITHIN).until(() -> probe.inFlight() == 2);
            checker.close();
            ts.awaitDone(WITHIN.toSeconds(), TimeUnit.SECONDS).assertError(PrimeCheckException.class);
            await().atMost(WITHIN).until(() -> probe.inFlight() == 0);
            assertThat(executor.isShutdown()).isFalse();
            assertThat(executor.submit(() -> "still running").get(WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("still running");
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Cancels at a random point while trial divisions of 12-digit numbers (about a millisecond each) run:
     * the result stream stays silent (past the one result whose delivery may already be under way), every
     * kernel call ends, and no error becomes undeliverable.
     */
    @RepeatedTest(20)
    void cancelDuringWorkIsSilentAndLeavesNothingUndeliverable() {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision());
        long seed = System.nanoTime();
        int cancelAfter = new SplittableRandom(seed).nextInt(0, 40);
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options().primalityTest(probe).build())) {
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(999_999_000_000L, 999_999_100_000L).test();
            ts.awaitCount(cancelAfter);
            ts.cancel();
            long seen = ts.values().size();
            await().atMost(WITHIN).until(() -> probe.inFlight() == 0);
            // Delivery is serialized, so at most the one onNext already under way when cancel() ran may
            // still land (§3.12 lets it); none after it.
            assertThat(ts.values().size()).as("seed %d", seed).isBetween((int) seen, (int) seen + 1);
            ts.assertNotComplete().assertNoErrors();
        }
    }
}
