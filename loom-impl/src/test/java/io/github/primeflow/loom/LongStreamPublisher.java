package io.github.primeflow.loom;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synchronous, cold publisher of numbers (a range or an array) that emits inside {@code request} on the
 * requesting thread, without recursing (rule 3.3): the kind of upstream that catches recursion bugs.
 */
final class LongStreamPublisher implements Flow.Publisher<Long> {
    private final long[] values;
    private final long first;
    private final long count;

    private LongStreamPublisher(long[] values, long first, long count) {
        this.values = values;
        this.first = first;
        this.count = count;
    }

    static LongStreamPublisher range(long fromInclusive, long toExclusive) {
        return new LongStreamPublisher(null, fromInclusive, toExclusive - fromInclusive);
    }

    static LongStreamPublisher of(long... values) {
        return new LongStreamPublisher(values.clone(), 0, values.length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicLong requested = new AtomicLong();
            private long index;
            private volatile boolean done;

            @Override
            public void request(long n) {
                if (n <= 0) {
                    done = true;
                    subscriber.onError(new IllegalArgumentException("3.9"));
                    return;
                }
                if (requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b) != 0) {
                    return; // the thread in the loop below picks up the new demand
                }
                long emitted = 0;
                for (;;) {
                    long wanted = requested.get();
                    while (emitted != wanted && index != count && !done) {
                        subscriber.onNext(values != null ? values[(int) index++] : first + index++);
                        emitted++;
                    }
                    if (done) {
                        return;
                    }
                    if (index == count) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    if (requested.addAndGet(-emitted) == 0) {
                        return;
                    }
                    emitted = 0;
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
        if (count == 0) {
            subscriber.onComplete();
        }
    }
}
