package io.github.primeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** An upstream that breaks the rules ends the stream with an error that says so, on the one thread of the test. */
class UpstreamFaultsTest {

    private final CheckerOptions options = CheckerOptions.builder().parallelism(1)
            .primalityTest(PrimalityTest.millerRabin()).build();

    @Test
    void aRequestThatThrowsEndsTheStreamNamingIt() {
        Recorder recorder = new Recorder();
        boolean[] cancelled = {false};
        Flow.Publisher<Long> throwing = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                throw new IllegalStateException("no more");
            }

            @Override
            public void cancel() {
                cancelled[0] = true;
            }
        });
        new Pipeline("test", options, throwing, recorder, new ManualLanes(), SignalContext.ANY_THREAD,
                Tuning.DEFAULT, new ActivePipelines()).start();
        recorder.subscription.request(1);

        assertThat(recorder.errors).singleElement(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(PrimeCheckException.class).hasMessageStartingWith("test: request(").hasMessageContaining("on the numbers publisher threw")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(cancelled[0]).as("the upstream is cancelled").isTrue();
    }

    @Test
    void aSubscriberThatThrowsIsCancelledAndItsUpstreamToo() {
        ManualUpstream upstream = new ManualUpstream();
        ManualLanes lanes = new ManualLanes();
        ActivePipelines active = new ActivePipelines();
        Recorder recorder = new Recorder() {
            @Override
            public void onNext(io.github.primeflow.PrimeResult item) {
                throw new IllegalArgumentException("subscriber bug");
            }
        };
        new Pipeline("test", options, upstream, recorder, lanes, SignalContext.ANY_THREAD, Tuning.DEFAULT, active)
                .start();
        recorder.subscription.request(5);
        upstream.emit(7);
        try {
            lanes.runOne(0);
        } catch (IllegalArgumentException expected) {
            // §2.13: it reaches whoever drove the delivery
        }
        assertThat(upstream.cancelled).isTrue();
        assertThat(active.size()).isZero();
        assertThat(recorder.errors).isEmpty();
    }
}
