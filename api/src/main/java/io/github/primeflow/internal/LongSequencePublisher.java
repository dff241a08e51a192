package io.github.primeflow.internal;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cold publisher of the numbers of an array or a range, generated on demand (a range of 10^9 needs no
 * memory per number). Emits on the thread that calls {@code request}, without recursing when the
 * subscriber requests more from inside {@code onNext} (rule §3.3).
 */
public final class LongSequencePublisher implements Flow.Publisher<Long> {

    private final long[] values; // null for a range
    private final long first;
    private final long count;

    private LongSequencePublisher(long[] values, long first, long count) {
        this.values = values;
        this.first = first;
        this.count = count;
    }

    /**
     * The numbers of an array, copied.
     *
     * @param values the numbers
     * @return a publisher of them in array order
     */
    public static LongSequencePublisher of(long... values) {
        Objects.requireNonNull(values, "numbers");
        return new LongSequencePublisher(values.clone(), 0, values.length);
    }

    /**
     * The numbers {@code fromInclusive, fromInclusive + 1, ..., toExclusive - 1}.
     *
     * @param fromInclusive first number
     * @param toExclusive one past the last number
     * @return a publisher of the range
     * @throws IllegalArgumentException if {@code fromInclusive > toExclusive} or the range has more than
     *     {@code Long.MAX_VALUE} numbers
     */
    public static LongSequencePublisher range(long fromInclusive, long toExclusive) {
        if (fromInclusive > toExclusive) {
            throw new IllegalArgumentException("range: fromInclusive (" + fromInclusive
                    + ") must be <= toExclusive (" + toExclusive + ")");
        }
        long count = toExclusive - fromInclusive;
        if (count < 0) {
            throw new IllegalArgumentException("range [" + fromInclusive + ", " + toExclusive
                    + ") holds more than Long.MAX_VALUE numbers");
        }
        return new LongSequencePublisher(null, fromInclusive, count);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Emission emission = new Emission(subscriber);
        subscriber.onSubscribe(emission);
        if (count == 0) {
            emission.completeIfNotCancelled();
        }
    }

    private long at(long index) {
        return values != null ? values[(int) index] : first + index;
    }

    private final class Emission implements Flow.Subscription {
        private final Flow.Subscriber<? super Long> subscriber;
        private final AtomicLong requested = new AtomicLong();
        private long index; // only touched by the thread that owns the emission loop
        private volatile boolean done;

        Emission(Flow.Subscriber<? super Long> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!done) {
                    done = true;
                    subscriber.onError(new IllegalArgumentException(
                            "Reactive Streams rule 3.9: request(n) needs n > 0, got " + n));
                }
                return;
            }
            if (Demand.add(requested, n) == 0) {
                emitLoop();
            }
        }

        @Override
        public void cancel() {
            done = true;
        }

        void completeIfNotCancelled() {
            if (!done) {
                done = true;
                subscriber.onComplete();
            }
        }

        private void emitLoop() {
            long emitted = 0;
            long wanted = requested.get();
            for (;;) {
                while (emitted != wanted && index != count) {
                    if (done) {
                        return;
                    }
                    subscriber.onNext(at(index++));
                    emitted++;
                }
                if (index == count) {
                    completeIfNotCancelled();
                    return;
                }
                wanted = requested.get();
                if (wanted == emitted) {
                    wanted = requested.addAndGet(-emitted);
                    if (wanted == 0) {
                        return;
                    }
                    emitted = 0;
                }
            }
        }
    }
}
