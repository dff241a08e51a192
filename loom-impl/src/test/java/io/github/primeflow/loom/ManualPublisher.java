package io.github.primeflow.loom;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** An upstream the test drives by hand, recording the demand and cancellation it receives. */
final class ManualPublisher implements Flow.Publisher<Long> {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CountDownLatch subscribed = new CountDownLatch(1);
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
        subscribed.countDown();
    }

    void emit(Long n) {
        subscriber.onNext(n);
    }
}
