package io.github.primeflow.spi;

import io.github.primeflow.internal.Demand;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The numbers of {@link io.github.primeflow.PrimeChecker#check(long...)} and
 * {@link io.github.primeflow.PrimeChecker#checkRange(long, long)}: a cold publisher of the numbers of an array
 * or a range, generated on demand (a range of 10<sup>9</sup> needs no memory per number), that a backend may
 * also read directly by index.
 *
 * <p>As a publisher it emits on a thread that calls {@code subscribe} or {@code request}, one thread at a time
 * (rule §1.3, also when {@code request} is called from several threads), without recursing when the subscriber
 * requests more from inside {@code onNext} (rule §3.3). A backend that recognises a {@code LongSequence} in
 * {@code check(Flow.Publisher)} may instead {@linkplain #copyTo copy} the numbers it would have requested: that
 * saves a boxed {@code Long} and an upstream signal per number, which is most of a pipeline's cost when each
 * check takes nanoseconds. Such a backend still keeps every promise of {@code check}, reading no further ahead
 * than it would have requested. Instances are immutable and thread-safe.
 */
public final class LongSequence implements Flow.Publisher<Long> {

    private final long[] values; // null for a range
    private final long first;
    private final long count;

    private LongSequence(long[] values, long first, long count) {
        this.values = values;
        this.first = first;
        this.count = count;
    }

    /**
     * The numbers of an array, copied.
     *
     * @param values the numbers
     * @return a publisher of them in array order
     * @throws NullPointerException if {@code values} is null
     */
    public static LongSequence of(long... values) {
        Objects.requireNonNull(values, "numbers");
        return new LongSequence(values.clone(), 0, values.length);
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
    public static LongSequence range(long fromInclusive, long toExclusive) {
        if (fromInclusive > toExclusive) {
            throw new IllegalArgumentException("range: fromInclusive (" + fromInclusive
                    + ") must be <= toExclusive (" + toExclusive + ")");
        }
        long count = toExclusive - fromInclusive;
        if (count < 0) {
            throw new IllegalArgumentException("range [" + fromInclusive + ", " + toExclusive
                    + ") holds more than Long.MAX_VALUE numbers");
        }
        return new LongSequence(null, fromInclusive, count);
    }

    /**
     * How many numbers the sequence holds.
     *
     * @return the count, from 0 to {@code Long.MAX_VALUE}
     */
    public long size() {
        return count;
    }

    /**
     * The number at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the number
     * @throws IndexOutOfBoundsException if there is no number at {@code index}
     */
    public long get(long index) {
        Objects.checkIndex(index, count);
        return at(index);
    }

    /**
     * Copies the numbers at {@code index, index + 1, ..., index + length - 1} into {@code destination}.
     *
     * @param index the index of the first number to copy
     * @param destination where to copy them
     * @param offset where the first number goes in {@code destination}
     * @param length how many numbers to copy
     * @throws IndexOutOfBoundsException if the numbers or the destination slots do not exist
     */
    public void copyTo(long index, long[] destination, int offset, int length) {
        Objects.checkFromIndexSize(index, length, count);
        Objects.checkFromIndexSize(offset, length, destination.length);
        if (values != null) {
            System.arraycopy(values, (int) index, destination, offset, length);
        } else {
            long n = first + index;
            for (int i = 0; i < length; i++) {
                destination[offset + i] = n + i;
            }
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Emission emission = new Emission(subscriber);
        subscriber.onSubscribe(emission);
        emission.drain(); // an empty sequence completes without waiting for demand
    }

    private long at(long index) {
        return values != null ? values[(int) index] : first + index;
    }

    /**
     * One subscription. Every signal to the subscriber comes from {@link #drain()}, which one thread at a time
     * owns (the work-in-progress counter hands it over), so a {@code request} or {@code cancel} from another
     * thread never overlaps an {@code onNext} (rule §1.3) and at most one terminal signal is sent.
     */
    private final class Emission implements Flow.Subscription {
        private final Flow.Subscriber<? super Long> subscriber;
        private final AtomicLong requested = new AtomicLong(); // total demand, saturating
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile long invalidRequest = 1; // stays positive while every request(n) was valid
        // Confined to the thread that owns drain():
        private long index;
        private boolean terminated;

        Emission(Flow.Subscriber<? super Long> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                invalidRequest = n;
            } else {
                Demand.add(requested, n);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!terminated) {
                    emit(requested.get());
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emit(long demand) {
            for (;;) {
                if (cancelled) {
                    terminated = true;
                    return;
                }
                long invalid = invalidRequest;
                if (invalid <= 0) {
                    terminated = true;
                    subscriber.onError(new IllegalArgumentException(
                            "Reactive Streams rule 3.9: request(n) needs n > 0, got " + invalid));
                    return;
                }
                if (index == count) {
                    terminated = true;
                    subscriber.onComplete();
                    return;
                }
                // index counts the numbers emitted, demand the numbers requested: both only grow.
                if (index == demand) {
                    return;
                }
                subscriber.onNext(at(index++));
            }
        }
    }
}
