package io.github.primeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a backend's close() relies on: waiting for the streams' last signals, never for itself. */
class ActivePipelinesTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(20);

    private final CheckerOptions options = CheckerOptions.builder().parallelism(1)
            .primalityTest(PrimalityTest.millerRabin()).build();
    private final ActivePipelines active = new ActivePipelines();
    private final ManualUpstream upstream = new ManualUpstream();
    private final ManualLanes lanes = new ManualLanes();

    private void start(Recorder recorder) {
        new Pipeline("test", options, upstream, recorder, lanes, SignalContext.ANY_THREAD, Tuning.DEFAULT, active)
                .start();
        recorder.subscription.request(1);
        upstream.emit(7);
    }

    @Test
    void awaitSignalsEndedReturnsAtOnceInsideASignal() {
        long[] waited = {-1};
        Recorder recorder = new Recorder() {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                active.closeAll();
                long start = System.nanoTime();
                active.awaitSignalsEnded(LONG_WAIT); // the stream's end waits for this very onNext
                waited[0] = System.nanoTime() - start;
            }
        };
        start(recorder);

        lanes.runOne(0); // the batch, and its onNext, on this thread

        assertThat(Duration.ofNanos(waited[0])).as("waited inside onNext").isLessThan(LONG_WAIT.dividedBy(4));
        assertThat(recorder.errors).singleElement().isInstanceOf(PrimeCheckException.class);
    }

    @Test
    void awaitSignalsEndedWaitsForAnOnNextInFlight() throws Exception {
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder recorder = new Recorder() {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                inOnNext.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        start(recorder);
        Thread deliverer = new Thread(() -> lanes.runOne(0), "deliverer");
        deliverer.start();
        assertThat(inOnNext.await(LONG_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        active.closeAll();
        CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> active.awaitSignalsEnded(LONG_WAIT));
        await("awaitSignalsEnded stays waiting while onNext runs").during(Duration.ofMillis(200))
                .atMost(LONG_WAIT).until(() -> !waited.isDone());

        release.countDown();
        waited.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS);
        deliverer.join(LONG_WAIT.toMillis());
        assertThat(recorder.errors).singleElement().isInstanceOf(PrimeCheckException.class);
    }
}
