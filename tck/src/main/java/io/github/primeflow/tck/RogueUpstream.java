package io.github.primeflow.tck;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source of numbers that breaks the Reactive Streams rules the way a buggy upstream does, and records what
 * the backend did about it. On the first {@code request(n)} it misbehaves on the requesting thread:
 * {@link #flooding(long)} emits up to {@code count} numbers whatever the demand (§1.1), stopping as soon as it
 * is cancelled; {@link #emittingAfterComplete()} emits 3 numbers, completes, then emits a fourth (§1.7).
 */
final class RogueUpstream implements Flow.Publisher<Long> {

    private final long flood; // numbers emitted regardless of demand; 0 for the emit-after-complete upstream
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    private RogueUpstream(long flood) {
        this.flood = flood;
    }

    static RogueUpstream flooding(long count) {
        return new RogueUpstream(count);
    }

    static RogueUpstream emittingAfterComplete() {
        return new RogueUpstream(0);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                if (started.getAndSet(true)) {
                    return;
                }
                if (flood > 0) {
                    for (long i = 0; i < flood && !cancelled.get(); i++) {
                        emitted.incrementAndGet();
                        subscriber.onNext(1_000_000L + i);
                    }
                    if (!cancelled.get()) {
                        subscriber.onComplete();
                    }
                } else {
                    for (long i = 0; i < 3; i++) {
                        emitted.incrementAndGet();
                        subscriber.onNext(1_000_000L + i);
                    }
                    subscriber.onComplete();
                    emitted.incrementAndGet();
                    subscriber.onNext(1_000_003L); // §1.7: a signal after the terminal one
                }
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
    }

    long requested() {
        return requested.get();
    }

    long emitted() {
        return emitted.get();
    }

    boolean cancelled() {
        return cancelled.get();
    }
}
