package io.github.primeflow.loom;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Wraps a numbers publisher, recording the demand and cancellation it receives. */
final class ProbePublisher implements Flow.Publisher<Long> {
    final Flow.Publisher<Long> delegate;
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final AtomicLong subscriptions = new AtomicLong();
    volatile LongConsumer onRequest = total -> { };

    ProbePublisher(Flow.Publisher<Long> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        subscriptions.incrementAndGet();
        delegate.subscribe(new Flow.Subscriber<Long>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        long total = requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                        onRequest.accept(total);
                        s.request(n);
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                        s.cancel();
                    }
                });
            }

            @Override
            public void onNext(Long item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
