package io.github.primeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The races that matter, each run thousands of times on real threads: cancel against delivery and completion,
 * close against batches in flight, request against onNext, and the interrupt of a kernel call against its end.
 */
class PipelineStressTest {

    private static final int ROUNDS = Integer.getInteger("primeflow.stressRounds", 2_000);
    private static final long WAIT_SECONDS = 30;
    /** A 13-digit prime: trial division takes about a millisecond and polls its interrupt. */
    private static final long SLOW_PRIME = 1_000_000_000_039L;

    private static Pipeline pipeline(CheckerOptions options, Flow.Publisher<Long> numbers,
            Flow.Subscriber<PrimeResult> subscriber, Workers lanes, ActivePipelines active) {
        return new Pipeline("stress", options, numbers, subscriber, lanes, SignalContext.ANY_THREAD, Tuning.DEFAULT,
                active);
    }

    /** The defect of the Reactor backend before the engine: a cancel interrupted a worker while it delivered. */
    @Test
    void aCancelNeverInterruptsTheThreadThatDeliversAResult() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(2).primalityTest(PrimalityTest.trialDivision())
                .build();
        AtomicInteger interruptedOnNext = new AtomicInteger();
        try (PoolLanes lanes = new PoolLanes(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch firstResult = new CountDownLatch(1);
                Signals subscriber = new Signals(Long.MAX_VALUE) {
                    @Override
                    public void onNext(PrimeResult item) {
                        if (Thread.currentThread().isInterrupted()) {
                            interruptedOnNext.incrementAndGet();
                        }
                        super.onNext(item);
                        firstResult.countDown();
                        LockSupport.parkNanos(1_000); // a subscriber that takes a moment: the cancel lands meanwhile
                    }
                };
                long[] numbers = LongStream.range(0, 64).map(i -> i % 4 == 0 ? SLOW_PRIME : 1_000 + i).toArray();
                pipeline(options, LongSequence.of(numbers), subscriber, lanes, new ActivePipelines()).start();
                assertThat(firstResult.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                subscriber.subscription.cancel();
            }
            lanes.pool.submit(() -> { }).get(); // the last tasks have ended
            assertThat(interruptedOnNext).as("onNext calls that ran with the interrupt flag set").hasValue(0);
            assertThat(lanes.strayInterrupts).as("pooled threads left with an interrupt flag").hasValue(0);
            assertThat(lanes.thrown).isEmpty();
        }
    }

    @Test
    void cancelRacingCompletionEndsAtMostOnceAndStopsTheWork() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(2).primalityTest(PrimalityTest.millerRabin())
                .build();
        try (PoolLanes lanes = new PoolLanes(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                ActivePipelines active = new ActivePipelines();
                Signals subscriber = new Signals(Long.MAX_VALUE);
                pipeline(options, LongSequence.range(0, 200), subscriber, lanes, active).start();
                spinFor(ThreadLocalRandom.current().nextInt(20_000));
                subscriber.subscription.cancel();
                subscriber.awaitQuiet();
                assertThat(subscriber.terminals.get()).isLessThanOrEqualTo(1);
                assertThat(subscriber.errors.get()).isNull();
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> active.size() == 0);
            }
            assertThat(lanes.strayInterrupts).hasValue(0);
        }
    }

    @Test
    void closeRacingBatchesInFlightEndsEveryStreamOnceWithTheCloseError() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(2).primalityTest(PrimalityTest.trialDivision())
                .build();
        try (PoolLanes lanes = new PoolLanes(2)) {
            for (int round = 0; round < ROUNDS / 4; round++) {
                ActivePipelines active = new ActivePipelines();
                Signals[] subscribers = {new Signals(Long.MAX_VALUE), new Signals(Long.MAX_VALUE)};
                for (Signals s : subscribers) {
                    pipeline(options, LongSequence.of(SLOW_PRIME, 7, SLOW_PRIME, 11, SLOW_PRIME), s, lanes, active)
                            .start();
                }
                spinFor(ThreadLocalRandom.current().nextInt(500_000));
                active.closeAll().get(WAIT_SECONDS, TimeUnit.SECONDS);
                for (Signals s : subscribers) {
                    assertThat(s.terminals).hasValue(1);
                    Throwable error = s.errors.get();
                    if (error != null) { // else it completed before the close
                        assertThat(error).isInstanceOf(PrimeCheckException.class).hasMessageContaining("closed");
                    } else {
                        assertThat(s.received).hasValue(5);
                    }
                }
            }
            lanes.pool.submit(() -> { }).get();
            assertThat(lanes.strayInterrupts).hasValue(0);
            assertThat(lanes.thrown).isEmpty();
        }
    }

    @Test
    void requestsFromOneThreadAndNumbersFromAnotherKeepInputOrderAndLoseNothing() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(2).maxInFlight(8).prefetch(2)
                .ordering(Ordering.INPUT_ORDER).primalityTest(PrimalityTest.millerRabin()).build();
        try (PoolLanes lanes = new PoolLanes(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                Signals subscriber = new Signals(0);
                List<Long> numbers = LongStream.range(0, 100).boxed().toList();
                Flow.Publisher<Long> upstream = new java.util.concurrent.SubmissionPublisher<Long>(
                        lanes.pool, 4) {
                    {
                        // emits from the pool, while the test thread requests
                        java.util.concurrent.CompletableFuture.runAsync(() -> {
                            while (getNumberOfSubscribers() == 0) {
                                Thread.onSpinWait();
                            }
                            numbers.forEach(this::submit);
                            close();
                        });
                    }
                };
                pipeline(options, upstream, subscriber, lanes, new ActivePipelines()).start();
                for (int i = 0; i < 100; i++) {
                    subscriber.subscription.request(1);
                }
                assertThat(subscriber.done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(subscriber.errors.get()).isNull();
                assertThat(subscriber.numbers()).isEqualTo(numbers);
            }
        }
    }

    @Test
    void aStopRacingTheEndOfAKernelCallNeverLeavesAnInterruptBehind() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(1).batchSize(1)
                .primalityTest(PrimalityTest.trialDivision()).build();
        try (PoolLanes lanes = new PoolLanes(1)) {
            for (int round = 0; round < ROUNDS; round++) {
                Signals subscriber = new Signals(Long.MAX_VALUE);
                ActivePipelines active = new ActivePipelines();
                // A check of about 10-50 µs: a stop lands before, during or after the kernel call.
                pipeline(options, LongSequence.of(1_000_003L * 1_000_033L), subscriber, lanes, active).start();
                spinFor(ThreadLocalRandom.current().nextInt(60_000));
                active.closeAll();
                subscriber.awaitQuiet();
            }
            lanes.pool.submit(() -> { }).get();
            assertThat(lanes.strayInterrupts).hasValue(0);
            assertThat(lanes.thrown).isEmpty();
        }
    }

    @Test
    void aJvmFatalKernelErrorEndsTheStreamNamingTheNumberAndReachesTheWorkerThread() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(1).primalityTest(n -> {
            if (n == 42) {
                throw new StackOverflowError("deep");
            }
            return n == 2;
        }).build();
        try (PoolLanes lanes = new PoolLanes(1)) {
            Signals subscriber = new Signals(Long.MAX_VALUE);
            pipeline(options, LongSequence.range(40, 45), subscriber, lanes, new ActivePipelines()).start();
            assertThat(subscriber.done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(subscriber.errors.get()).isInstanceOf(PrimeCheckException.class)
                    .hasMessageStartingWith("stress: the primality test failed for 42: java.lang.StackOverflowError")
                    .hasCauseInstanceOf(StackOverflowError.class);
            lanes.pool.submit(() -> { }).get();
            assertThat(lanes.thrown).singleElement().isInstanceOf(StackOverflowError.class);
        }
    }

    @Test
    void anOrdinaryKernelErrorEndsTheStreamAndStaysInIt() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(1).primalityTest(n -> {
            if (n == 42) {
                throw new ArithmeticException("no");
            }
            return false;
        }).build();
        try (PoolLanes lanes = new PoolLanes(1)) {
            Signals subscriber = new Signals(Long.MAX_VALUE);
            pipeline(options, LongSequence.range(40, 45), subscriber, lanes, new ActivePipelines()).start();
            assertThat(subscriber.done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(subscriber.errors.get()).hasMessageStartingWith("stress: the primality test failed for 42: ");
            lanes.pool.submit(() -> { }).get();
            assertThat(lanes.thrown).isEmpty();
        }
    }

    private static void spinFor(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** A thread-safe recording subscriber that requests {@code initial} in onSubscribe. */
    private static class Signals implements Flow.Subscriber<PrimeResult> {
        final long initial;
        final java.util.Queue<PrimeResult> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger terminals = new AtomicInteger();
        final AtomicReference<Throwable> errors = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Flow.Subscription subscription;

        Signals(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(PrimeResult item) {
            results.add(item);
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            errors.compareAndSet(null, t);
            terminals.incrementAndGet();
            done.countDown();
        }

        @Override
        public void onComplete() {
            terminals.incrementAndGet();
            done.countDown();
        }

        List<Long> numbers() {
            return results.stream().map(PrimeResult::number).toList();
        }

        /** Waits until no signal arrived for a while: a cancelled stream sends no terminal signal to wait for. */
        void awaitQuiet() {
            int last = -1;
            while (last != received.get() + terminals.get()) {
                last = received.get() + terminals.get();
                LockSupport.parkNanos(200_000);
            }
        }
    }
}
