package io.github.primeflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import java.math.BigInteger;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sequential reference backend as a Reactive Streams publisher. */
class SequentialPrimeCheckerTest {

    private final PrimeChecker checker = new SequentialPrimeCheckerProvider()
            .create(CheckerOptions.builder().primalityTest(PrimalityTest.millerRabin()).build());

    @AfterEach
    void close() {
        checker.close();
    }

    @Test
    void checksTheSeedNumbersInOrderWithTheirVerdicts() throws InterruptedException {
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.check(SeedNumbers.toArray()).subscribe(s);
        s.request(Long.MAX_VALUE);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).isEmpty();
        assertThat(s.completions.get()).isEqualTo(1);
        assertThat(s.items).extracting(PrimeResult::number).containsExactlyElementsOf(SeedNumbers.list());
        for (PrimeResult r : s.items) {
            assertThat(r.prime()).isEqualTo(BigInteger.valueOf(r.number()).isProbablePrime(64));
            assertThat(r.elapsedNanos()).isNotNegative();
        }
    }

    @Test
    void emitsNoMoreThanRequestedAndAsksUpstreamForOneAtATime() {
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.check(upstream).subscribe(s);
        assertThat(upstream.requested.get()).isZero();

        s.request(2);
        assertThat(upstream.requested.get()).isEqualTo(1);
        upstream.emit(7L);
        assertThat(s.items).extracting(PrimeResult::number).containsExactly(7L);
        assertThat(upstream.requested.get()).isEqualTo(2);
        upstream.emit(8L);
        assertThat(s.items).extracting(PrimeResult::number).containsExactly(7L, 8L);
        assertThat(upstream.requested.get()).as("no demand left, so nothing more is requested").isEqualTo(2);

        s.request(1);
        assertThat(upstream.requested.get()).isEqualTo(3);
    }

    @Test
    void aLongSynchronousRangeRequestedOneByOneDoesNotRecurse() throws InterruptedException {
        AtomicInteger received = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        checker.checkRange(0, 200_000).subscribe(new Flow.Subscriber<>() {
            Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(PrimeResult item) {
                received.incrementAndGet();
                subscription.request(1); // reentrant: must not grow the stack
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(received.get()).isEqualTo(200_000);
    }

    @Test
    void aHugeRangeIsGeneratedOnDemand() {
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.checkRange(0, 1_000_000_000_000L).subscribe(s);
        s.request(1000);
        assertThat(s.items).hasSize(1000);
        assertThat(s.items.get(999).number()).isEqualTo(999);
        s.subscription.cancel();
        s.request(10);
        assertThat(s.items).hasSize(1000);
        assertThat(s.isTerminated()).isFalse();
    }

    @Test
    void cancelStopsWorkAndCancelsUpstream() {
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.check(upstream).subscribe(s);
        s.request(5);
        upstream.emit(11L);
        s.subscription.cancel();
        assertThat(upstream.cancelled).isTrue();
        upstream.emit(13L); // a late number after cancel is ignored
        assertThat(s.items).hasSize(1);
        assertThat(s.errors).isEmpty();
        assertThat(s.completions.get()).isZero();
    }

    @Test
    void anUpstreamErrorEndsTheStreamNamingIt() throws InterruptedException {
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.check(upstream).subscribe(s);
        s.request(5);
        upstream.emit(3L);
        upstream.subscriber.onError(new IllegalStateException("disk on fire"));
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.items).hasSize(1);
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("sequential", "after 1 numbers", "disk on fire"))
                .satisfies(e -> assertThat(e.getCause()).hasMessage("disk on fire"));
    }

    @Test
    void aNullElementIsAnErrorAndCancelsUpstream() throws InterruptedException {
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.check(upstream).subscribe(s);
        s.request(5);
        upstream.emit(5L);
        upstream.emit(null);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(upstream.cancelled).isTrue();
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                .hasMessageContaining("emitted null as element #2");
    }

    @Test
    void aFailingKernelEndsTheStreamNamingTheNumber() throws InterruptedException {
        try (PrimeChecker failing = new SequentialPrimeCheckerProvider().create(CheckerOptions.builder()
                .primalityTest(n -> {
                    if (n == 42) {
                        throw new ArithmeticException("kernel bug");
                    }
                    return false;
                }).build())) {
            RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
            failing.check(40, 41, 42, 43).subscribe(s);
            s.request(10);
            assertThat(s.awaitTermination()).isTrue();
            assertThat(s.items).extracting(PrimeResult::number).containsExactly(40L, 41L);
            assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                    .hasMessageContaining("failed for 42").hasRootCauseInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void requestZeroIsAnErrorPerRule309() throws InterruptedException {
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        ManualPublisher upstream = new ManualPublisher();
        checker.check(upstream).subscribe(s);
        s.request(0);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void emptyInputCompletesWithoutResults() throws InterruptedException {
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        checker.check(new long[0]).subscribe(s);
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.completions.get()).isEqualTo(1);
        assertThat(s.items).isEmpty();
    }

    @Test
    void closeEndsInFlightSubscriptionsAndRejectsNewCalls() throws InterruptedException {
        ManualPublisher upstream = new ManualPublisher();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>();
        Flow.Publisher<PrimeResult> results = checker.check(upstream);
        results.subscribe(s);
        s.request(3);
        checker.close();
        assertThat(s.awaitTermination()).isTrue();
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class).hasMessageContaining("closed");
        assertThat(upstream.cancelled).isTrue();

        RecordingSubscriber<PrimeResult> late = new RecordingSubscriber<>();
        results.subscribe(late); // a publisher obtained before close
        assertThat(late.awaitTermination()).isTrue();
        assertThat(late.errors).singleElement(THROWABLE).hasMessageContaining("closed");

        assertThatThrownBy(() -> checker.check(1, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this 'sequential' PrimeChecker is closed");
        assertThatThrownBy(() -> checker.checkAsync(3)).isInstanceOf(IllegalStateException.class);
        checker.close(); // idempotent
    }

    @Test
    void checkAsyncCompletesWithTheResultOrTheError() {
        assertThat(checker.checkAsync(2_147_483_647L).join()).satisfies(r -> {
            assertThat(r.number()).isEqualTo(2_147_483_647L);
            assertThat(r.prime()).isTrue();
        });
        try (PrimeChecker failing = new SequentialPrimeCheckerProvider()
                .create(CheckerOptions.builder().primalityTest(n -> {
                    throw new IllegalStateException("no");
                }).build())) {
            assertThatThrownBy(() -> failing.checkAsync(5).join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(PrimeCheckException.class);
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> checker.check((Flow.Publisher<Long>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> checker.check((long[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> checker.checkRange(10, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range: fromInclusive (10) must be <= toExclusive (5)");
        assertThatThrownBy(() -> checker.check(1).subscribe(null)).isInstanceOf(NullPointerException.class);
    }
}
