package io.github.primeflow.internal;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** An upstream the test drives by hand, recording the demand and cancellation it receives. */
final class ManualPublisher implements Flow.Publisher<Long> {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile Flow.Subscriber<? super Long> subscriber;

    @Override
    public void subscribe(Flow.Subscriber<? super Long> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
    }

    void emit(Long n) {
        subscriber.onNext(n);
    }
}
