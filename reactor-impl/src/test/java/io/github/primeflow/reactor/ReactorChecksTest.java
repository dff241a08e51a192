package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.KernelProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** The Reactor-native surface ({@link ReactorChecks}) with {@link StepVerifier}. */
class ReactorChecksTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final ReactorPrimeChecker checker = ReactorPrimeChecker.create(
            CheckerOptions.builder().parallelism(2).primalityTest(PrimalityTest.millerRabin()).build());
    private final ReactorChecks reactive = checker.reactive();

    @AfterEach
    void close() {
        checker.close();
    }

    @Test
    void checkOneNumberGivesAMonoOfItsVerdict() {
        StepVerifier.create(reactive.check(9_999_999_999_999_917L))
                .assertNext(r -> {
                    assertThat(r.number()).isEqualTo(9_999_999_999_999_917L);
                    assertThat(r.prime()).isTrue();
                    assertThat(r.elapsedNanos()).isNotNegative();
                })
                .expectComplete().verify(HANG_GUARD);
        StepVerifier.create(reactive.check(9_999_999_999_999_999L))
                .assertNext(r -> assertThat(r.prime()).isFalse())
                .expectComplete().verify(HANG_GUARD);
    }

    /**
     * Timing matters here, so the clock is virtual: a Reactor {@code timeout} of 30 s fires at once, and its
     * cancellation must reach the kernel, which trial-divides a 19-digit prime (seconds of real CPU work) on a
     * real worker thread and must end by interrupt, not by finishing.
     */
    @Test
    void aTimeoutUnderVirtualTimeCancelsAndInterruptsTheCheck() {
        KernelProbe slow = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
        try (ReactorPrimeChecker owner = ReactorPrimeChecker.create(
                CheckerOptions.builder().parallelism(2).primalityTest(slow).build())) {
            StepVerifier.withVirtualTime(() -> owner.reactive().check(9_223_372_036_854_775_783L)
                            .timeout(Duration.ofSeconds(30)))
                    .expectSubscription()
                    .then(() -> await().atMost(HANG_GUARD).until(() -> slow.started() == 1))
                    .thenAwait(Duration.ofSeconds(30))
                    .expectError(TimeoutException.class)
                    .verify(HANG_GUARD);
            await().atMost(HANG_GUARD).until(() -> slow.finished() == 1);
            assertThat(slow.interrupted()).as("the kernel call ended by an interrupt").isEqualTo(1);
        }
    }

    @Test
    void checkRangeCountsThe25PrimesBelow100InOrder() {
        StepVerifier.create(reactive.checkRange(0, 100).filter(PrimeResult::prime).map(PrimeResult::number))
                .expectNext(2L, 3L, 5L, 7L, 11L, 13L, 17L, 19L, 23L, 29L, 31L, 37L, 41L, 43L, 47L, 53L, 59L, 61L,
                        67L, 71L, 73L, 79L, 83L, 89L, 97L)
                .expectComplete().verify(HANG_GUARD);
    }

    @Test
    void checkRangeEdges() {
        StepVerifier.create(reactive.checkRange(5, 5)).expectComplete().verify(HANG_GUARD);
        StepVerifier.create(reactive.checkRange(Long.MAX_VALUE - 3, Long.MAX_VALUE).map(PrimeResult::number))
                .expectNext(Long.MAX_VALUE - 3, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1)
                .expectComplete().verify(HANG_GUARD);
        assertThatThrownBy(() -> reactive.checkRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reactive.checkRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void p4_backpressureIsHonouredStepByStep() {
        StepVerifier.create(reactive.checkRange(1_000, 2_000), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .assertNext(r -> assertThat(r.number()).isEqualTo(1_000))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(2)
                .expectNextCount(2)
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(997)
                .expectComplete().verify(HANG_GUARD);
    }

    @Test
    void checkAnyPublisherAndCancelItsUpstream() {
        TestPublisher<Long> numbers = TestPublisher.create();
        StepVerifier.create(reactive.check(numbers))
                .then(() -> numbers.assertMinRequested(1).next(7L, 8L))
                .expectNextMatches(r -> r.number() == 7 && r.prime())
                .expectNextMatches(r -> r.number() == 8 && !r.prime())
                .thenCancel()
                .verify(HANG_GUARD);
        // thenCancel() may run inside onNext on a CPU thread: the upstream is cancelled when onNext returns.
        await().atMost(HANG_GUARD).until(numbers::wasCancelled);
    }

    @Test
    void p8_upstreamErrorsAndKernelFailuresArePrimeCheckExceptions() {
        IOException io = new IOException("gone");
        StepVerifier.create(reactive.check(Flux.<Long>error(io)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PrimeCheckException.class)
                        .hasMessageStartingWith("reactor: the numbers publisher failed after 0 numbers").hasCause(io))
                .verify(HANG_GUARD);

        try (ReactorPrimeChecker failing = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2)
                .primalityTest(KernelProbe.failing(PrimalityTest.millerRabin(), n -> n == 42)).build())) {
            StepVerifier.create(failing.reactive().checkRange(40, 50))
                    .thenConsumeWhile(r -> r.number() < 42) // 40 and 41 may come first, or not: the error is immediate
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PrimeCheckException.class)
                            .hasMessage("reactor: the primality test failed for 42: "
                                    + "java.lang.ArithmeticException: kernel probe: deliberate failure for 42")
                            .hasCauseInstanceOf(ArithmeticException.class))
                    .verify(HANG_GUARD);
        }
    }

    @Test
    void p6_upstreamDemandStaysWithinMaxInFlight() {
        TestPublisher<Long> numbers = TestPublisher.create();
        StepVerifier.create(reactive.check(numbers), 0)
                .then(() -> numbers.assertMinRequested(1).assertMaxRequested(checker.options().maxInFlight()))
                .thenCancel()
                .verify(HANG_GUARD);
    }

    @Test
    void checkerIsUsableAsAPrimeCheckerAndReportsItsOptions() {
        assertThat(checker.options().parallelism()).isEqualTo(2);
        assertThat(checker.reactive()).isSameAs(reactive);
        assertThat(checker.toString()).contains("owned");
    }
}
