package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * A cancel interrupts only the kernel calls of the cancelled stream. Before the shared engine, the Reactor
 * backend disposed its scheduler workers with {@code Future.cancel(true)}: a worker that was delivering results at
 * that moment ran the subscriber's {@code onNext} with its interrupt flag set, and a blocking call there threw
 * {@code InterruptedException} (174 of 35,000 results in the reproduction).
 */
class InterruptFlagTest {

    private static final int ROUNDS = 500;

    @Test
    void aCancelFromAnotherThreadNeverInterruptsAnOnNextInFlight() throws Exception {
        AtomicInteger flagged = new AtomicInteger();
        try (ReactorPrimeChecker checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2)
                .primalityTest(PrimalityTest.millerRabin()).build())) {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch delivering = new CountDownLatch(1);
                BaseSubscriber<PrimeResult> subscriber = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnSubscribe(Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    protected void hookOnNext(PrimeResult result) {
                        delivering.countDown();
                        long end = System.nanoTime() + 20_000; // a subscriber that takes a moment per result
                        while (System.nanoTime() - end < 0) {
                            Thread.onSpinWait();
                        }
                        if (Thread.currentThread().isInterrupted()) { // an interrupt that landed during onNext
                            flagged.incrementAndGet();
                        }
                    }
                };
                checker.reactive().checkRange(1_000_000, 1_100_000).subscribe(subscriber);
                assertThat(delivering.await(60, TimeUnit.SECONDS)).isTrue();
                subscriber.dispose(); // cancel, from the test thread, while a CPU thread is inside onNext
            }
        }
        assertThat(flagged).as("onNext calls that ended with the interrupt flag set").hasValue(0);
    }
}
