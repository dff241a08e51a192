package io.github.primeflow.tck;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * A source of numbers that records what a backend asks of it: total demand, cancellation, subscriptions.
 * It emits {@code count} numbers on demand, on the thread that requests them (without recursing), then
 * completes, or fails, or stays open; it can emit {@code null} at a given position. One subscription at a time
 * is the intended use; thread-safe.
 */
public final class UpstreamProbe implements Flow.Publisher<Long> {

    private final LongUnaryOperator numberAt;
    private final long count;
    private final long nullAt; // index of a null element, or -1
    private final RuntimeException failure; // signalled after count elements, or null to complete
    private final boolean staysOpen; // after count elements: no terminal signal at all

    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger subscriptions = new AtomicInteger();

    private UpstreamProbe(LongUnaryOperator numberAt, long count, long nullAt, RuntimeException failure) {
        this(numberAt, count, nullAt, failure, false);
    }

    private UpstreamProbe(LongUnaryOperator numberAt, long count, long nullAt, RuntimeException failure,
            boolean staysOpen) {
        this.numberAt = numberAt;
        this.count = count;
        this.nullAt = nullAt;
        this.failure = failure;
        this.staysOpen = staysOpen;
    }

    /**
     * Emits the given numbers, then completes.
     *
     * @param numbers the numbers
     * @return a new probe
     */
    public static UpstreamProbe of(long... numbers) {
        long[] copy = numbers.clone();
        return new UpstreamProbe(i -> copy[(int) i], copy.length, -1, null);
    }

    /**
     * Emits {@code count} numbers from {@code first} upwards, then completes.
     *
     * @param first the first number
     * @param count how many
     * @return a new probe
     */
    public static UpstreamProbe range(long first, long count) {
        return new UpstreamProbe(i -> first + i, count, -1, null);
    }

    /**
     * The same numbers, then {@code onError(failure)} instead of {@code onComplete}.
     *
     * @param error the error to signal
     * @return a new probe
     */
    public UpstreamProbe thenFail(RuntimeException error) {
        return new UpstreamProbe(numberAt, count, nullAt, Objects.requireNonNull(error, "error"), false);
    }

    /**
     * The same numbers, but element {@code index} (0-based) is {@code null}, a Reactive Streams violation a
     * backend must turn into an error.
     *
     * @param index position of the null
     * @return a new probe
     */
    public UpstreamProbe withNullAt(long index) {
        return new UpstreamProbe(numberAt, count, index, failure, staysOpen);
    }

    /**
     * The same numbers, then no terminal signal at all: the stream stays open until it is cancelled, like a
     * live source that has nothing to say yet.
     *
     * @return a new probe
     */
    public UpstreamProbe thenStayOpen() {
        return new UpstreamProbe(numberAt, count, nullAt, null, true);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriptions.incrementAndGet();
        Emission emission = new Emission(subscriber);
        subscriber.onSubscribe(emission);
        if (count == 0) {
            emission.finish();
        }
    }

    /**
     * Total demand received, saturated at {@code Long.MAX_VALUE}.
     *
     * @return the demand so far
     */
    public long requested() {
        return requested.get();
    }

    /**
     * Elements emitted ({@code null} included).
     *
     * @return the count so far
     */
    public long emitted() {
        return emitted.get();
    }

    /**
     * Whether a subscriber cancelled.
     *
     * @return {@code true} once cancelled
     */
    public boolean cancelled() {
        return cancelled.get();
    }

    /**
     * How many times it was subscribed.
     *
     * @return the count so far
     */
    public int subscriptions() {
        return subscriptions.get();
    }

    private final class Emission implements Flow.Subscription {
        private final Flow.Subscriber<? super Long> subscriber;
        private final AtomicLong pending = new AtomicLong();
        private long index;
        private volatile boolean done;

        Emission(Flow.Subscriber<? super Long> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!done) {
                    done = true;
                    subscriber.onError(new IllegalArgumentException("§3.9: request(" + n + ")"));
                }
                return;
            }
            requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (add(n) != 0) {
                return; // the emitting thread picks up the new demand
            }
            long missed = n;
            for (;;) {
                long sent = 0;
                while (sent != missed && !done) {
                    if (index == count) {
                        finish();
                        return;
                    }
                    long i = index++;
                    emitted.incrementAndGet();
                    subscriber.onNext(i == nullAt ? null : numberAt.applyAsLong(i));
                    sent++;
                }
                if (!done && index == count) {
                    finish();
                    return;
                }
                missed = pending.addAndGet(-sent);
                if (missed == 0 || done) {
                    return;
                }
            }
        }

        private long add(long n) {
            return pending.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }

        @Override
        public void cancel() {
            done = true;
            cancelled.set(true);
        }

        void finish() {
            if (staysOpen) {
                return; // no terminal signal; only cancel() ends it
            }
            if (!done) {
                done = true;
                if (failure != null) {
                    subscriber.onError(failure);
                } else {
                    subscriber.onComplete();
                }
            }
        }
    }
}
