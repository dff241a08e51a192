package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A cancel interrupts only the kernel calls of the cancelled stream. Before the shared engine, the Reactor
 * backend disposed its scheduler workers with {@code Future.cancel(true)}: a worker that was delivering results
 * at that moment (its own stream's, or another stream's through {@code merge}) ran {@code onNext} with its
 * interrupt flag set, and a blocking call there threw {@code InterruptedException} (174 of 35,000 results).
 */
class InterruptFlagTest {

    private static final int ROUNDS = 200;
    /** 13-digit primes: about a millisecond of trial division each, polling the interrupt flag. */
    private static final Flux<Long> SLOW = Flux.range(0, 64).map(i -> 1_000_000_000_039L);

    @Test
    void resultsOfAMergedStreamNeverArriveWithTheInterruptFlagSetWhenTheOtherIsCancelled() {
        AtomicInteger flagged = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        try (ReactorPrimeChecker checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2)
                .primalityTest(PrimalityTest.trialDivision()).build())) {
            for (int round = 0; round < ROUNDS; round++) {
                Flux<Long> cheap = Flux.range(1_000, 2_000).map(Integer::longValue);
                Flux.merge(checker.reactive().check(cheap), checker.reactive().check(SLOW).take(1))
                        .doOnNext(result -> {
                            delivered.incrementAndGet();
                            if (Thread.currentThread().isInterrupted()) {
                                flagged.incrementAndGet();
                            }
                        })
                        .blockLast(Duration.ofSeconds(60));
            }
        }
        assertThat(delivered).hasValue(ROUNDS * 2_001);
        assertThat(flagged).as("results delivered with the interrupt flag set").hasValue(0);
    }
}
