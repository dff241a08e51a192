package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.PrimalityTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The fixtures the backends' own tests share: each one sees what it promises to see. */
class FixturesTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void recordingSubscriberRecordsSignalsAndDemand() throws InterruptedException {
        RecordingSubscriber<Long> s = new RecordingSubscriber<>(2, 1);
        UpstreamProbe.range(10, 5).subscribe(s);
        s.awaitTermination(WITHIN);
        assertThat(s.items()).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(s.received()).isEqualTo(5);
        assertThat(s.requested()).isEqualTo(2 + 5);
        assertThat(s.completions()).isEqualTo(1);
        assertThat(s.errors()).isEmpty();
        assertThat(s.violations()).isEmpty();
        assertThat(s.signalThreads()).containsExactly(Thread.currentThread());
    }

    @Test
    void recordingSubscriberSeesMoreOnNextThanRequestedAndSignalsAfterTheEnd() {
        RecordingSubscriber<Long> s = new RecordingSubscriber<>(1, 0);
        Flow.Publisher<Long> rogue = subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    // the rogue emits below, whatever the demand
                }

                @Override
                public void cancel() {
                    // nothing to stop
                }
            });
            subscriber.onNext(1L);
            subscriber.onNext(2L); // §1.1: only 1 requested
            subscriber.onComplete();
            subscriber.onError(new IllegalStateException("late")); // §1.7
        };
        rogue.subscribe(s);
        assertThat(s.violations()).hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("§1.1"))
                .anySatisfy(v -> assertThat(v).contains("§1.7"));
    }

    @Test
    void recordingSubscriberCancelsFromInsideTheChosenOnNext() {
        UpstreamProbe upstream = UpstreamProbe.range(0, 1_000);
        RecordingSubscriber<Long> s = new RecordingSubscriber<Long>(1, 1).cancelAfter(3);
        upstream.subscribe(s);
        assertThat(upstream.cancelled()).isTrue();
        assertThat(s.received()).isEqualTo(3);
        assertThat(s.isTerminated()).isFalse();
    }

    @Test
    void recordingSubscriberFailsAWaitThatTimesOut() {
        RecordingSubscriber<Long> s = RecordingSubscriber.unbounded();
        UpstreamProbe.of(7).thenStayOpen().subscribe(s);
        assertThatThrownBy(() -> s.awaitTermination(Duration.ofMillis(50))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("received 1");
        assertThatThrownBy(() -> new RecordingSubscriber<Long>(0, 0).request(1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void upstreamProbeThatStaysOpenEndsOnlyByCancel() {
        UpstreamProbe upstream = UpstreamProbe.of(2, 3).thenStayOpen();
        RecordingSubscriber<Long> s = new RecordingSubscriber<>(5, 0);
        upstream.subscribe(s);
        assertThat(s.items()).containsExactly(2L, 3L);
        assertThat(s.isTerminated()).isFalse();
        s.request(5);
        assertThat(upstream.requested()).isEqualTo(10);
        s.cancel();
        assertThat(upstream.cancelled()).isTrue();
        assertThat(s.isTerminated()).isFalse();
    }

    @Test
    void kernelProbeHoldsOnlyTheChosenNumbers() throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold(n -> n == 7);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Boolean> seven = CompletableFuture.supplyAsync(() -> probe.isPrime(7), pool);
            assertThat(CompletableFuture.supplyAsync(() -> probe.isPrime(8), pool).get()).isFalse();
            await().atMost(WITHIN).until(() -> probe.inFlight() == 1);
            assertThat(seven).isNotDone();
            probe.release();
            assertThat(seven.get()).isTrue();
            assertThat(probe.finished()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
