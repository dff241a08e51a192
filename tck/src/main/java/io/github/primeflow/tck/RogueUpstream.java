package io.github.primeflow.tck;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source of numbers that breaks the Reactive Streams rules the way a buggy upstream does, and records what
 * the backend did about it. On the first {@code request(n)} it misbehaves:
 * {@link #flooding(long, boolean)} emits up to {@code count} numbers whatever the demand (§1.1), on the
 * requesting thread or on a thread of its own, stopping as soon as it is cancelled;
 * {@link #emittingAfterComplete()} emits 3 numbers on the requesting thread, completes, then emits a fourth
 * (§1.7).
 */
final class RogueUpstream implements Flow.Publisher<Long> {

    private final long flood; // numbers emitted regardless of demand; 0 for the emit-after-complete upstream
    private final boolean fromItsOwnThread;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    private volatile Thread flooder;

    private RogueUpstream(long flood, boolean fromItsOwnThread) {
        this.flood = flood;
        this.fromItsOwnThread = fromItsOwnThread;
    }

    /**
     * Floods from the thread that calls the first {@code request(n)} or, with {@code fromItsOwnThread}, from a
     * thread it starts then: a backend that checks demand only on its own request path misses the second.
     */
    static RogueUpstream flooding(long count, boolean fromItsOwnThread) {
        return new RogueUpstream(count, fromItsOwnThread);
    }

    static RogueUpstream emittingAfterComplete() {
        return new RogueUpstream(0, false);
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
                if (flood > 0 && fromItsOwnThread) {
                    Thread t = new Thread(() -> flood(subscriber), "primeflow-tck-upstream-flood");
                    t.setDaemon(true);
                    flooder = t;
                    t.start();
                } else if (flood > 0) {
                    flood(subscriber);
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

    private void flood(Flow.Subscriber<? super Long> subscriber) {
        for (long i = 0; i < flood && !cancelled.get(); i++) {
            emitted.incrementAndGet();
            subscriber.onNext(1_000_000L + i);
        }
        if (!cancelled.get()) {
            subscriber.onComplete();
        }
    }

    /** Whether the thread of its own, if it started one, has ended. */
    boolean ownThreadEnded() {
        Thread t = flooder;
        return t == null || !t.isAlive();
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
